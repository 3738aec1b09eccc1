#include "cli/process_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "cli/descendant_containment.hpp"

namespace claude_proxy::cli {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Without a pidfd (kernel < 5.3) the child's exit is checked this often.
constexpr milliseconds kExitPollInterval{10};
// After SIGKILL, how long to keep reading pipes that something outside the group holds open.
constexpr milliseconds kGiveUpAfterKill{500};
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kWriteChunk = 64 * 1024;
// Reads per readiness event, so one busy pipe cannot starve the other descriptors.
constexpr int kReadsPerEvent = 16;

// Owns one file descriptor; closes it on every path.
class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    void reset() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }

  private:
    int fd_ = -1;
};

// Per-run state reachable from terminateAllProcessGroups().
struct RunControl {
    std::atomic<bool> terminated{false};
    UniqueFd wake;  // eventfd written to wake the run's poll loop
};

// Running process groups, keyed by pgid (== the leader's pid). An entry is removed before its
// leader is reaped, so a pgid in here is never one the kernel could have handed out again.
// `owned` counts the children the runner spawned and has not reaped yet (counted, in case a
// pid is handed out again before the last owner has let go of it): the orphan sweep never
// touches those. Spawning and registering happen under the mutex, and so does the sweep, so
// a child is never seen half-registered.
struct Registry {
    std::mutex mutex;
    std::map<pid_t, RunControl*> runs;
    std::map<pid_t, int> owned;
};

Registry& registry() {
    // Never destroyed: runs on other threads may still touch it during static destruction.
    static auto* instance = new Registry;
    return *instance;
}

// Writing to a pipe whose reader has gone raises SIGPIPE, whose default action would end the
// whole server. Instead of changing the process-wide disposition, the running thread blocks
// SIGPIPE for the run, discards the one an EPIPE write raised (it is directed at this thread),
// and restores its mask afterwards. The child gets an empty mask through posix_spawn.
class SigpipeBlock {
  public:
    SigpipeBlock() {
        sigemptyset(&pipeOnly_);
        sigaddset(&pipeOnly_, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipeOnly_, &previous_);
    }
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;
    ~SigpipeBlock() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

    void discardPending() {
        sigset_t pending;
        sigemptyset(&pending);
        if (sigpending(&pending) != 0 || sigismember(&pending, SIGPIPE) != 1) {
            return;
        }
        const timespec zero{0, 0};
        while (sigtimedwait(&pipeOnly_, nullptr, &zero) < 0 && errno == EINTR) {
        }
    }

  private:
    sigset_t pipeOnly_{};
    sigset_t previous_{};
};

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

// Why the runner itself ended the run.
enum class Stop { None, TimedOut, Cancelled, ClientGone, OutputTooLarge };

class ChildRun {
  public:
    ChildRun(const ProcessSpec& spec, const ProcessLimits& limits, const ProcessObserver& observer)
        : spec_(spec), limits_(limits), observer_(observer), buffer_(kReadChunk) {}
    ChildRun(const ChildRun&) = delete;
    ChildRun& operator=(const ChildRun&) = delete;

    ~ChildRun() {
        // Only reached with a live child when an exception (e.g. from an observer callback)
        // interrupted the run: end the group at once and reap.
        if (pid_ > 0 && !reaped_) {
            unregister();
            signalGroup(SIGKILL);
            int status = 0;
            while (!childLost_ && ::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
            }
            disown();
        }
    }

    ProcessOutcome run() {
        started_ = Clock::now();
        if (start()) {
            loop();
            finish();
        }
        outcome_.duration = std::chrono::duration_cast<milliseconds>(Clock::now() - started_);
        return std::move(outcome_);
    }

  private:
    bool start() {
        UniqueFd childStdin;
        UniqueFd childStdout;
        UniqueFd childStderr;
        int err = makePipe(childStdin, stdin_);
        if (err == 0) {
            err = makePipe(stdout_, childStdout);
        }
        if (err == 0) {
            err = makePipe(stderr_, childStderr);
        }
        if (err == 0) {
            control_.wake = UniqueFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
            if (!control_.wake.valid()) {
                err = errno;
            }
        }
        pid_t pid = 0;
        cgroup_ = RunCgroup::create();
        if (err == 0) {
            Registry& reg = registry();
            std::lock_guard lock(reg.mutex);
            err = spawnChild(spec_, childStdin.get(), childStdout.get(), childStderr.get(), pid);
            if (err == 0) {
                reg.runs[pid] = &control_;
                ++reg.owned[pid];
                registered_ = true;
                owned_ = true;
            }
        }
        if (err != 0) {
            outcome_.ending = ProcessOutcome::Ending::SpawnFailed;
            outcome_.spawnErrno = err;
            return false;
        }
        pid_ = pid;
        outcome_.pid = pid;
        if (cgroup_ && !cgroup_->adopt(pid_)) {
            cgroup_.reset();  // the process group and the orphan sweep still contain it
        }
        pidfd_ = UniqueFd(openPidfd(pid_));
        // The parent's copies of the child's ends must go, or EOF would never come.
        childStdin.reset();
        childStdout.reset();
        childStderr.reset();
        if (setNonBlocking(stdin_.get()) != 0 || setNonBlocking(stdout_.get()) != 0 ||
            setNonBlocking(stderr_.get()) != 0) {
            requestStop(Stop::Cancelled, Clock::now());
        }
        if (spec_.stdinData.empty()) {
            stdin_.reset();
        }
        return true;
    }

    void loop() {
        const Clock::time_point deadline = later(started_, limits_.totalTimeout);
        const milliseconds tickEvery = std::max(observer_.tickInterval, milliseconds(1));
        Clock::time_point nextTick = later(started_, tickEvery);
        const bool hasTick = static_cast<bool>(observer_.onTick);

        while (true) {
            Clock::time_point now = Clock::now();
            if (!exited_ && stop_ == Stop::None) {
                if (control_.terminated.load()) {
                    requestStop(Stop::Cancelled, now);
                } else if (now >= deadline) {
                    requestStop(Stop::TimedOut, now);
                } else if (hasTick && now >= nextTick) {
                    const bool keepGoing = observer_.onTick();
                    now = Clock::now();
                    nextTick = later(now, tickEvery);
                    if (!keepGoing) {
                        requestStop(Stop::Cancelled, now);
                    }
                }
            }
            if (termSent_ && !killSent_ && now >= killAt_) {
                signalGroup(SIGKILL);
                killSent_ = true;
                giveUpAt_ = now + kGiveUpAfterKill;
            }
            if (exited_ && !stdout_.valid() && !stderr_.valid()) {
                return;
            }
            if (exited_ && killSent_ && now >= giveUpAt_) {
                return;  // a writer outside the group keeps the pipes open: stop reading
            }

            // Descriptors to wait on, and the earliest moment something is due.
            std::array<pollfd, 6> fds{};
            std::size_t count = 0;
            const auto add = [&](int fd, short events) {
                fds[count] = pollfd{fd, events, 0};
                return count++;
            };
            constexpr std::size_t kNone = SIZE_MAX;
            const std::size_t inIdx = stdin_.valid() ? add(stdin_.get(), POLLOUT) : kNone;
            const std::size_t outIdx = stdout_.valid() ? add(stdout_.get(), POLLIN) : kNone;
            const std::size_t errIdx = stderr_.valid() ? add(stderr_.get(), POLLIN) : kNone;
            const std::size_t pidIdx =
                pidfd_.valid() && !exited_ ? add(pidfd_.get(), POLLIN) : kNone;
            const bool running = !exited_ && stop_ == Stop::None;
            const std::size_t wakeIdx = running ? add(control_.wake.get(), POLLIN) : kNone;
            const std::size_t watchIdx =
                running && observer_.watchFd >= 0 ? add(observer_.watchFd, POLLRDHUP) : kNone;

            Clock::time_point wakeAt = Clock::time_point::max();
            if (running) {
                wakeAt = std::min(wakeAt, deadline);
                if (hasTick) {
                    wakeAt = std::min(wakeAt, nextTick);
                }
            }
            if (termSent_ && !killSent_) {
                wakeAt = std::min(wakeAt, killAt_);
            }
            if (exited_ && killSent_) {
                wakeAt = std::min(wakeAt, giveUpAt_);
            }
            if (!exited_ && !pidfd_.valid()) {
                wakeAt = std::min(wakeAt, now + kExitPollInterval);
            }

            const int ready = ::poll(fds.data(), count, pollTimeoutMs(now, wakeAt));
            if (ready < 0) {
                if (errno == EINTR) {
                    continue;
                }
                // Should not happen; do not spin: end the group now and let finish() reap.
                requestStop(Stop::Cancelled, Clock::now());
                signalGroup(SIGKILL);
                killSent_ = true;
                return;
            }
            now = Clock::now();

            const auto fired = [&](std::size_t idx, short mask) {
                return idx != kNone && (fds[idx].revents & mask) != 0;
            };
            if (fired(watchIdx, POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) {
                requestStop(Stop::ClientGone, now);
            }
            if (fired(wakeIdx, POLLIN) && control_.terminated.load()) {
                requestStop(Stop::Cancelled, now);
            }
            if (stdin_.valid() && fired(inIdx, POLLOUT | POLLERR | POLLHUP | POLLNVAL)) {
                pumpStdin();
            }
            if (fired(outIdx, POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
                drain(stdout_, true, now);
            }
            if (fired(errIdx, POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
                drain(stderr_, false, now);
            }
            if (!exited_ && (pidIdx == kNone ? !pidfd_.valid() : fired(pidIdx, POLLIN))) {
                if (leaderExited()) {
                    onLeaderExit(now);
                }
            }
        }
    }

    // Asks the group to end (once); the first reason given wins.
    void requestStop(Stop reason, Clock::time_point now) {
        if (stop_ != Stop::None) {
            return;
        }
        stop_ = reason;
        stdin_.reset();
        if (!exited_) {
            sendTerm(now);
        }
    }

    void sendTerm(Clock::time_point now) {
        if (termSent_) {
            return;
        }
        signalGroup(SIGTERM);
        termSent_ = true;
        killAt_ = later(now, limits_.killGrace);
    }

    // Signals the whole group, unless the leader was reaped behind our back (then the group id
    // may belong to someone else by now).
    void signalGroup(int sig) const {
        if (!childLost_) {
            ::kill(-pid_, sig);
        }
    }

    void onLeaderExit(Clock::time_point now) {
        exited_ = true;
        stdin_.reset();
        // Whatever the leader wrote is already in the pipes: take all of it, then stop
        // reading. Something the child started may still hold the write ends open; its output
        // is nobody's answer, and waiting for it would delay this one (finish() ends it).
        while (stdout_.valid() && drain(stdout_, true, now)) {
        }
        while (stderr_.valid() && drain(stderr_, false, now)) {
        }
        stdout_.reset();
        stderr_.reset();
    }

    // Checks for the leader's exit without reaping it, so its pgid stays reserved.
    bool leaderExited() {
        siginfo_t info{};
        while (true) {
            if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0) {
                return info.si_pid == pid_;
            }
            if (errno == EINTR) {
                continue;
            }
            if (errno == ECHILD) {
                childLost_ = true;  // reaped behind our back (SIGCHLD ignored?)
                return true;
            }
            return false;
        }
    }

    void pumpStdin() {
        const std::string& data = spec_.stdinData;
        while (stdinOffset_ < data.size()) {
            const std::size_t chunk = std::min(data.size() - stdinOffset_, kWriteChunk);
            const ssize_t n = ::write(stdin_.get(), data.data() + stdinOffset_, chunk);
            if (n > 0) {
                stdinOffset_ += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0 && errno == EAGAIN) {
                return;  // pipe full: poll says when there is room
            }
            if (n < 0 && errno == EPIPE) {
                sigpipe_.discardPending();  // the child closed stdin early: stop writing
            }
            stdin_.reset();
            return;
        }
        stdin_.reset();  // all written: EOF for the child
    }

    // Reads what is there, at most kReadsPerEvent chunks; true when it stopped at that bound
    // (more may be waiting), false at EAGAIN, EOF or an error.
    bool drain(UniqueFd& fd, bool isStdout, Clock::time_point now) {
        for (int i = 0; i < kReadsPerEvent && fd.valid(); ++i) {
            const ssize_t n = ::read(fd.get(), buffer_.data(), buffer_.size());
            if (n > 0) {
                const std::string_view chunk(buffer_.data(), static_cast<std::size_t>(n));
                if (isStdout) {
                    takeStdout(chunk, now);
                } else {
                    takeStderr(chunk);
                }
                continue;
            }
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0 && errno == EAGAIN) {
                return false;
            }
            fd.reset();  // EOF or a read error
            return false;
        }
        return fd.valid();
    }

    void takeStdout(std::string_view chunk, Clock::time_point now) {
        if (discardStdout_) {
            return;
        }
        const std::size_t room = limits_.maxStdoutBytes - stdoutBytes_;
        if (chunk.size() > room) {
            chunk = chunk.substr(0, room);
            discardStdout_ = true;
        }
        if (!chunk.empty()) {
            stdoutBytes_ += chunk.size();
            if (observer_.onStdout) {
                // The observer keeps what it needs: the output is not kept a second time here.
                // Once the runner has ended the run nobody wants more: stop forwarding.
                if (stop_ == Stop::None) {
                    observer_.onStdout(chunk);
                }
            } else {
                outcome_.stdoutData.append(chunk);
            }
        }
        if (discardStdout_) {
            requestStop(Stop::OutputTooLarge, now);
        }
    }

    void takeStderr(std::string_view chunk) {
        const std::size_t keep = limits_.stderrTailBytes;
        if (keep == 0) {
            return;
        }
        std::string& tail = outcome_.stderrTail;
        if (chunk.size() >= keep) {
            tail.assign(chunk.substr(chunk.size() - keep));
            return;
        }
        tail.append(chunk);
        if (tail.size() > 2 * keep) {  // trim in batches, not on every chunk
            tail.erase(0, tail.size() - keep);
        }
    }

    void disown() {
        if (!owned_) {
            return;
        }
        Registry& reg = registry();
        std::lock_guard lock(reg.mutex);
        if (const auto found = reg.owned.find(pid_);
            found != reg.owned.end() && --found->second == 0) {
            reg.owned.erase(found);
        }
        owned_ = false;
    }

    void unregister() {
        if (!registered_) {
            return;
        }
        Registry& reg = registry();
        std::lock_guard lock(reg.mutex);
        reg.runs.erase(pid_);
        registered_ = false;
    }

    void finish() {
        stdin_.reset();
        stdout_.reset();
        stderr_.reset();
        // Out of the registry first, then the last sweep: the unreaped leader still holds the
        // group id, so the SIGKILL cannot reach a stranger's group.
        unregister();
        signalGroup(SIGKILL);
        int status = 0;
        bool haveStatus = false;
        while (!childLost_) {
            if (::waitpid(pid_, &status, 0) == pid_) {
                haveStatus = true;
                break;
            }
            if (errno != EINTR) {
                break;
            }
        }
        reaped_ = true;
        pidfd_.reset();
        disown();
        // Whatever the run started outside its process group: its cgroup (when there is one)
        // is killed, and orphans re-parented to the proxy are ended and reaped.
        cgroup_.reset();
        sweepOrphans();

        if (haveStatus && WIFEXITED(status)) {
            outcome_.exitCode = WEXITSTATUS(status);
        } else if (haveStatus && WIFSIGNALED(status)) {
            outcome_.signal = WTERMSIG(status);
        }
        if (outcome_.stderrTail.size() > limits_.stderrTailBytes) {
            outcome_.stderrTail.erase(0, outcome_.stderrTail.size() - limits_.stderrTailBytes);
        }

        using Ending = ProcessOutcome::Ending;
        switch (stop_) {
            case Stop::TimedOut:
                outcome_.ending = Ending::TimedOut;
                return;
            case Stop::Cancelled:
                outcome_.ending = Ending::Cancelled;
                return;
            case Stop::ClientGone:
                outcome_.ending = Ending::ClientGone;
                return;
            case Stop::OutputTooLarge:
                outcome_.ending = Ending::OutputTooLarge;
                return;
            case Stop::None:
                break;
        }
        if (control_.terminated.load()) {
            outcome_.ending = Ending::Cancelled;
        } else if (haveStatus && WIFSIGNALED(status)) {
            outcome_.ending = Ending::Signaled;
        } else {
            outcome_.ending = Ending::Exited;  // exitCode stays -1 when the status was lost
        }
    }

    const ProcessSpec& spec_;
    const ProcessLimits& limits_;
    const ProcessObserver& observer_;
    ProcessOutcome outcome_;
    SigpipeBlock sigpipe_;
    RunControl control_;
    std::vector<char> buffer_;

    Clock::time_point started_{};
    pid_t pid_ = 0;
    UniqueFd pidfd_;
    UniqueFd stdin_;   // parent's write end
    UniqueFd stdout_;  // parent's read ends
    UniqueFd stderr_;
    std::size_t stdinOffset_ = 0;

    bool registered_ = false;
    bool owned_ = false;
    std::size_t stdoutBytes_ = 0;
    std::unique_ptr<RunCgroup> cgroup_;
    bool childLost_ = false;
    bool reaped_ = false;
    bool exited_ = false;
    bool discardStdout_ = false;
    Stop stop_ = Stop::None;
    bool termSent_ = false;
    bool killSent_ = false;
    Clock::time_point killAt_{};
    Clock::time_point giveUpAt_{};
};

}  // namespace

ProcessOutcome runProcess(const ProcessSpec& spec, const ProcessLimits& limits,
                          const ProcessObserver& observer) {
    ChildRun run(spec, limits, observer);
    return run.run();
}

void terminateAllProcessGroups() {
    Registry& reg = registry();
    std::lock_guard lock(reg.mutex);
    for (auto& [pgid, control] : reg.runs) {
        control->terminated.store(true);
        ::kill(-pgid, SIGTERM);
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t n = ::write(control->wake.get(), &one, sizeof one);
    }
}

void sweepOrphans() {
    constexpr int kRounds = 8;  // each round ends one generation of descendants
    for (int round = 0; round < kRounds; ++round) {
        std::vector<pid_t> orphans;
        {
            Registry& reg = registry();
            std::lock_guard lock(reg.mutex);
            for (const pid_t child : childrenOf(::getpid())) {
                if (reg.owned.find(child) == reg.owned.end()) {
                    ::kill(child, SIGKILL);
                    orphans.push_back(child);
                }
            }
        }
        if (orphans.empty()) {
            return;
        }
        // Ours until reaped: the pids cannot be handed out again meanwhile.
        for (const pid_t orphan : orphans) {
            while (::waitpid(orphan, nullptr, 0) < 0 && errno == EINTR) {
            }
        }
    }
}

std::size_t runningProcessCount() {
    Registry& reg = registry();
    std::lock_guard lock(reg.mutex);
    return reg.runs.size();
}

}  // namespace claude_proxy::cli
