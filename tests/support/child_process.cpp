#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "support/sigpipe_guard.hpp"

extern char** environ;

namespace claude_proxy::test_support {
namespace {

constexpr std::chrono::milliseconds kReapPoll{5};
constexpr std::chrono::milliseconds kDrainAfterExit{2000};
constexpr int kPumpPollMs = 50;

std::string errnoText(const std::string& what, int error) {
    return what + ": " + std::strerror(error);
}

void closeFd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

// A pipe whose both ends are close-on-exec; the spawn dup2()s the child's end into place.
std::array<int, 2> makePipe() {
    std::array<int, 2> fds{-1, -1};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
        throw std::runtime_error(errnoText("pipe2", errno));
    }
    return fds;
}

std::vector<char*> cStrings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (std::string& text : strings) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

// RAII for the posix_spawn attribute objects.
struct SpawnSetup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attributes{};

    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attributes);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// Own process group, no blocked signals, default dispositions for the signals a test runner
// may have changed (SIGPIPE is ignored by this library, for one).
void configureAttributes(posix_spawnattr_t& attributes) {
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (const int signal :
         {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM}) {
        sigaddset(&defaults, signal);
    }
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(
        &attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

ExitStatus decodeWaitStatus(int status) {
    ExitStatus decoded;
    if (WIFEXITED(status)) {
        decoded.code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        decoded.signal = WTERMSIG(status);
    }
    return decoded;
}

}  // namespace

std::string ExitStatus::describe() const {
    return exited() ? "exit " + std::to_string(code) : "signal " + std::to_string(signal);
}

std::ostream& operator<<(std::ostream& out, const ExitStatus& status) {
    return out << status.describe();
}

ChildProcess::ChildProcess(ChildSpec spec) : spec_(std::move(spec)) {
    if (spec_.argv.empty()) {
        throw std::invalid_argument("ChildProcess: argv is empty");
    }
    ignoreSigpipe();
    auto out = makePipe();
    std::array<int, 2> err{-1, -1};
    std::array<int, 2> in{-1, -1};
    if (!spec_.mergeStderr) {
        err = makePipe();
    }
    if (spec_.stdinData) {
        in = makePipe();
    }

    SpawnSetup setup;
    if (spec_.stdinData) {
        posix_spawn_file_actions_adddup2(&setup.actions, in[0], STDIN_FILENO);
    } else {
        posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&setup.actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&setup.actions, spec_.mergeStderr ? out[1] : err[1],
                                     STDERR_FILENO);
    // Sockets the test holds open (Poco does not mark them close-on-exec) must not leak into
    // the child, or closing a connection in the test would not close it for the server.
    posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3);
    if (!spec_.workingDirectory.empty()) {
        posix_spawn_file_actions_addchdir_np(&setup.actions, spec_.workingDirectory.c_str());
    }
    configureAttributes(setup.attributes);

    std::vector<std::string> argv = spec_.argv;
    std::vector<std::string> environment = spec_.environment;
    const auto argvPointers = cStrings(argv);
    const auto envPointers = cStrings(environment);
    const bool searchPath = spec_.argv.front().find('/') == std::string::npos;
    const int error =
        searchPath ? ::posix_spawnp(&pid_, argv.front().c_str(), &setup.actions, &setup.attributes,
                                    argvPointers.data(), envPointers.data())
                   : ::posix_spawn(&pid_, argv.front().c_str(), &setup.actions, &setup.attributes,
                                   argvPointers.data(), envPointers.data());

    closeFd(out[1]);
    closeFd(err[1]);
    closeFd(in[0]);
    stdoutFd_ = out[0];
    stderrFd_ = err[0];
    stdinFd_ = in[1];
    if (error != 0) {
        pid_ = -1;
        closeAll();
        throw std::runtime_error(errnoText("cannot spawn " + spec_.argv.front(), error));
    }
    if (stdinFd_ >= 0) {
        ::fcntl(stdinFd_, F_SETFL, ::fcntl(stdinFd_, F_GETFL) | O_NONBLOCK);
    }
    pumpThread_ = std::thread([this] { pump(); });
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0) {
        stop();
    }
    {
        const std::lock_guard lock(mutex_);
        stopPump_ = true;
    }
    if (pumpThread_.joinable()) {
        pumpThread_.join();
    }
    closeAll();
}

void ChildProcess::closeAll() {
    closeFd(stdinFd_);
    closeFd(stdoutFd_);
    closeFd(stderrFd_);
}

void ChildProcess::appendOutput(int fd, const char* data, std::size_t size) {
    const std::lock_guard lock(mutex_);
    (fd == stdoutFd_ ? stdout_ : stderr_).append(data, size);
    changed_.notify_all();
}

// The I/O thread: writes stdinData, reads stdout/stderr until both reach end of file (or the
// destructor asks it to stop, e.g. when a grandchild still holds the pipes).
void ChildProcess::pump() {
    std::size_t written = 0;
    std::array<char, 65536> buffer{};
    while (true) {
        {
            const std::lock_guard lock(mutex_);
            if (stopPump_) {
                break;
            }
        }
        std::vector<pollfd> fds;
        if (stdinFd_ >= 0) {
            fds.push_back({stdinFd_, POLLOUT, 0});
        }
        for (const int fd : {stdoutFd_, stderrFd_}) {
            if (fd >= 0) {
                fds.push_back({fd, POLLIN, 0});
            }
        }
        if (fds.size() == (stdinFd_ >= 0 ? 1U : 0U)) {
            break;  // both outputs closed
        }
        if (::poll(fds.data(), fds.size(), kPumpPollMs) < 0 && errno != EINTR) {
            break;
        }
        for (const pollfd& entry : fds) {
            if (entry.revents == 0) {
                continue;
            }
            if (entry.fd == stdinFd_) {
                const std::string& data = *spec_.stdinData;
                const ssize_t count =
                    ::write(stdinFd_, data.data() + written, data.size() - written);
                if (count > 0) {
                    written += static_cast<std::size_t>(count);
                }
                if ((count < 0 && errno != EAGAIN && errno != EINTR) || written == data.size()) {
                    closeFd(stdinFd_);
                }
                continue;
            }
            const ssize_t count = ::read(entry.fd, buffer.data(), buffer.size());
            if (count > 0) {
                appendOutput(entry.fd, buffer.data(), static_cast<std::size_t>(count));
            } else if (count == 0 || (errno != EAGAIN && errno != EINTR)) {
                const std::lock_guard lock(mutex_);
                (entry.fd == stdoutFd_ ? stdoutFd_ : stderrFd_) = -1;
                ::close(entry.fd);
            }
        }
    }
    const std::lock_guard lock(mutex_);
    outputClosed_ = stdoutFd_ < 0 && stderrFd_ < 0;
    changed_.notify_all();
}

std::string ChildProcess::stdoutText() const {
    const std::lock_guard lock(mutex_);
    return stdout_;
}

std::string ChildProcess::stderrText() const {
    const std::lock_guard lock(mutex_);
    return stderr_;
}

bool ChildProcess::waitForOutput(std::string_view needle, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
        return stdout_.find(needle) != std::string::npos || outputClosed_;
    }) && stdout_.find(needle) != std::string::npos;
}

std::optional<std::string> ChildProcess::waitForMatch(const std::regex& pattern,
                                                      std::chrono::milliseconds timeout) const {
    std::optional<std::string> found;
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] {
        std::smatch match;
        if (std::regex_search(stdout_, match, pattern)) {
            found = match.size() > 1 ? match[1].str() : match[0].str();
        }
        return found.has_value() || outputClosed_;
    });
    return found;
}

bool ChildProcess::waitForOutputClosed(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return outputClosed_; });
}

bool ChildProcess::sendSignal(int signal) const {
    return pid_ > 0 && ::kill(pid_, signal) == 0;
}

bool ChildProcess::signalGroup(int signal) const {
    return pid_ > 0 && ::killpg(pid_, signal) == 0;
}

std::optional<ExitStatus> ChildProcess::reap(std::chrono::milliseconds timeout) {
    const std::lock_guard lock(reapMutex_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exitStatus_) {
        int status = 0;
        const pid_t reaped = ::waitpid(pid_, &status, WNOHANG);
        if (reaped == pid_) {
            exitStatus_ = decodeWaitStatus(status);
        } else if (reaped < 0 && errno != EINTR) {
            exitStatus_ = ExitStatus{};  // not our child any more: nothing to wait for
        } else if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        } else {
            std::this_thread::sleep_for(kReapPoll);
        }
    }
    return exitStatus_;
}

std::optional<ExitStatus> ChildProcess::waitForExit(std::chrono::milliseconds timeout) {
    auto status = reap(timeout);
    if (status) {
        waitForOutputClosed(kDrainAfterExit);
    }
    return status;
}

bool ChildProcess::running() {
    return !reap(std::chrono::milliseconds(0)).has_value();
}

ExitStatus ChildProcess::stop(std::chrono::milliseconds grace) {
    auto status = reap(std::chrono::milliseconds(0));
    if (!status) {
        sendSignal(SIGTERM);
        status = reap(grace);
    }
    // Whatever is left in the group (grandchildren still holding the pipes) goes now, before
    // the output is drained.
    signalGroup(SIGKILL);
    if (!status) {
        status = reap(std::chrono::seconds(10));
    }
    waitForOutputClosed(kDrainAfterExit);
    return status.value_or(ExitStatus{});
}

ChildResult runToCompletion(ChildSpec spec, std::chrono::milliseconds timeout) {
    ChildProcess child(std::move(spec));
    ChildResult result;
    result.status = child.waitForExit(timeout);
    if (!result.status) {
        child.stop(std::chrono::seconds(2));
    }
    result.stdoutText = child.stdoutText();
    result.stderrText = child.stderrText();
    return result;
}

}  // namespace claude_proxy::test_support
