#include "cli/process_spawn.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <string>
#include <vector>

namespace claude_proxy::cli::spawn {

using std::chrono::milliseconds;

SigpipeBlock::SigpipeBlock() {
    sigemptyset(&pipeOnly_);
    sigaddset(&pipeOnly_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeOnly_, &previous_);
}

SigpipeBlock::~SigpipeBlock() {
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

void SigpipeBlock::discardPending() {
    sigset_t pending;
    sigemptyset(&pending);
    if (sigpending(&pending) != 0 || sigismember(&pending, SIGPIPE) != 1) {
        return;
    }
    const timespec zero{0, 0};
    while (sigtimedwait(&pipeOnly_, nullptr, &zero) < 0 && errno == EINTR) {
    }
}

namespace {

// Moves `fd` to a number above 2 so that dup2 onto 0..2 in the child never hits one of the
// other pipe ends (possible when the server runs with a standard stream closed).
int liftAboveStdio(int fd) {
    if (fd > 2) {
        return fd;
    }
    const int lifted = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    const int savedErrno = errno;
    ::close(fd);
    errno = savedErrno;
    return lifted;
}

// RAII holders for the posix_spawn attribute objects.
class SpawnActions {
  public:
    SpawnActions() { ok_ = posix_spawn_file_actions_init(&actions_) == 0; }
    SpawnActions(const SpawnActions&) = delete;
    SpawnActions& operator=(const SpawnActions&) = delete;
    ~SpawnActions() {
        if (ok_) {
            posix_spawn_file_actions_destroy(&actions_);
        }
    }
    bool ok() const { return ok_; }
    posix_spawn_file_actions_t* get() { return &actions_; }

  private:
    posix_spawn_file_actions_t actions_{};
    bool ok_ = false;
};

class SpawnAttributes {
  public:
    SpawnAttributes() { ok_ = posix_spawnattr_init(&attr_) == 0; }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
    ~SpawnAttributes() {
        if (ok_) {
            posix_spawnattr_destroy(&attr_);
        }
    }
    bool ok() const { return ok_; }
    posix_spawnattr_t* get() { return &attr_; }

  private:
    posix_spawnattr_t attr_{};
    bool ok_ = false;
};

std::vector<char*> toCStrings(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (const auto& s : strings) {
        out.push_back(const_cast<char*>(s.c_str()));
    }
    out.push_back(nullptr);
    return out;
}

}  // namespace

// A close-on-exec pipe; returns 0 or an errno value.
int makePipe(UniqueFd& readEnd, UniqueFd& writeEnd) {
    std::array<int, 2> fds{-1, -1};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
        return errno;
    }
    const int r = liftAboveStdio(fds[0]);
    if (r < 0) {
        const int err = errno;
        ::close(fds[1]);
        return err;
    }
    readEnd = UniqueFd(r);
    const int w = liftAboveStdio(fds[1]);
    if (w < 0) {
        return errno;
    }
    writeEnd = UniqueFd(w);
    return 0;
}

int setNonBlocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        return errno;
    }
    return 0;
}

int openPidfd(pid_t pid) {
#ifdef SYS_pidfd_open
    // pidfds are always close-on-exec.
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0U));
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

// Starts the child with the three pipe ends as its standard streams. Returns 0 or an errno.
int spawnChild(const ProcessSpec& spec, int stdinFd, int stdoutFd, int stderrFd, pid_t& pid) {
    if (spec.argv.empty() || spec.argv.front().empty()) {
        return EINVAL;
    }
    SpawnActions actions;
    SpawnAttributes attributes;
    if (!actions.ok() || !attributes.ok()) {
        return ENOMEM;
    }
    int rc = posix_spawn_file_actions_adddup2(actions.get(), stdinFd, STDIN_FILENO);
    if (rc == 0) {
        rc = posix_spawn_file_actions_adddup2(actions.get(), stdoutFd, STDOUT_FILENO);
    }
    if (rc == 0) {
        rc = posix_spawn_file_actions_adddup2(actions.get(), stderrFd, STDERR_FILENO);
    }
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    // Descriptors the server opened without close-on-exec (sockets, logs) stay out of the child.
    if (rc == 0) {
        rc = posix_spawn_file_actions_addclosefrom_np(actions.get(), 3);
    }
#endif
    if (rc == 0 && !spec.workingDirectory.empty()) {
        rc = posix_spawn_file_actions_addchdir_np(actions.get(), spec.workingDirectory.c_str());
    }
    if (rc != 0) {
        return rc;
    }

    sigset_t emptyMask;
    sigemptyset(&emptyMask);
    sigset_t allSignals;
    sigfillset(&allSignals);
    const auto flags =
        static_cast<short>(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    rc = posix_spawnattr_setflags(attributes.get(), flags);
    if (rc == 0) {
        rc = posix_spawnattr_setpgroup(attributes.get(), 0);  // a new group led by the child
    }
    if (rc == 0) {
        rc = posix_spawnattr_setsigmask(attributes.get(), &emptyMask);
    }
    if (rc == 0) {
        rc = posix_spawnattr_setsigdefault(attributes.get(), &allSignals);
    }
    if (rc != 0) {
        return rc;
    }

    std::vector<char*> argv = toCStrings(spec.argv);
    std::vector<char*> envp = toCStrings(spec.environment);
    // glibc reports a failed exec (ENOENT, EACCES, ENOEXEC, a bad chdir) as the return value
    // and reaps the failed child itself.
    return posix_spawn(&pid, argv.front(), actions.get(), attributes.get(), argv.data(),
                       envp.data());
}

// `from + delta` without overflowing for huge limits (milliseconds::max() means "never").
Clock::time_point later(Clock::time_point from, milliseconds delta) {
    if (delta <= milliseconds::zero()) {
        return from;
    }
    const auto room = Clock::time_point::max() - from;
    if (delta >= std::chrono::duration_cast<milliseconds>(room)) {
        return Clock::time_point::max();
    }
    return from + delta;
}

int pollTimeoutMs(Clock::time_point now, Clock::time_point wakeAt) {
    if (wakeAt == Clock::time_point::max()) {
        return -1;
    }
    if (wakeAt <= now) {
        return 0;
    }
    const auto wait = std::chrono::ceil<milliseconds>(wakeAt - now).count();
    return static_cast<int>(std::min<decltype(wait)>(wait, INT_MAX));
}

}  // namespace claude_proxy::cli::spawn
