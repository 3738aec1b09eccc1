#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <ostream>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace claude_proxy::test_support {

// How a process ended.
struct ExitStatus {
    int code = -1;   // the exit code, when it exited
    int signal = 0;  // the signal that killed it; 0 when it exited

    bool exited() const { return signal == 0; }
    bool exitedWith(int expected) const { return exited() && code == expected; }
    std::string describe() const;  // "exit 0", "signal 15"
};

std::ostream& operator<<(std::ostream& out, const ExitStatus& status);

struct ChildSpec {
    std::vector<std::string> argv{};         // argv[0]: a path, or a bare name looked up in PATH
    std::vector<std::string> environment{};  // "NAME=value"; the child gets exactly these
    std::string workingDirectory{};          // empty: the test's own
    std::optional<std::string> stdinData{};  // written, then stdin closed; nullopt: /dev/null
    bool mergeStderr = false;                // stderr into the stdout buffer
};

// One child process, spawned with posix_spawn (no shell) as the leader of its own process
// group, with every other descriptor closed. A background thread feeds stdin and drains
// stdout/stderr into buffers, so pipes never fill up. The destructor stops the child
// (SIGTERM, bounded wait, SIGKILL to the group) and reaps it: no test leaves a process behind.
class ChildProcess {
  public:
    explicit ChildProcess(ChildSpec spec);  // throws std::runtime_error if the spawn fails
    ~ChildProcess();

    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    const ChildSpec& spec() const { return spec_; }

    std::string stdoutText() const;  // everything so far (stderr too when merged)
    std::string stderrText() const;  // empty when merged

    // Bounded waits on stdout (the merged output when mergeStderr is set).
    bool waitForOutput(std::string_view needle, std::chrono::milliseconds timeout) const;
    // The first capture group of the first match (the whole match if the pattern has no
    // group), or nullopt when nothing matched in time.
    std::optional<std::string> waitForMatch(const std::regex& pattern,
                                            std::chrono::milliseconds timeout) const;
    // True once stdout and stderr reached end of file (every writer closed them).
    bool waitForOutputClosed(std::chrono::milliseconds timeout) const;

    bool sendSignal(int signal) const;   // to the child only
    bool signalGroup(int signal) const;  // to its whole process group

    // Reaps the child if it ends within `timeout`; then also waits (up to 2 s) for its output
    // to be drained, so stdoutText() is complete. nullopt if it is still running.
    std::optional<ExitStatus> waitForExit(std::chrono::milliseconds timeout);
    bool running();

    // SIGTERM (to the child), up to `grace` to exit, then SIGKILL to the group; reaps.
    ExitStatus stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

  private:
    std::optional<ExitStatus> reap(std::chrono::milliseconds timeout);  // no output drain
    void pump();
    void appendOutput(int fd, const char* data, std::size_t size);
    void closeAll();

    ChildSpec spec_;
    pid_t pid_ = -1;
    int stdinFd_ = -1;
    int stdoutFd_ = -1;
    int stderrFd_ = -1;

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::string stdout_;
    std::string stderr_;
    bool outputClosed_ = false;
    bool stopPump_ = false;

    std::mutex reapMutex_;
    std::optional<ExitStatus> exitStatus_;

    std::thread pumpThread_;
};

// Runs a child to its end (bounded: killed after `timeout`).
struct ChildResult {
    std::optional<ExitStatus> status;  // nullopt: it timed out and was killed
    std::string stdoutText;
    std::string stderrText;
};
ChildResult runToCompletion(ChildSpec spec, std::chrono::milliseconds timeout);

}  // namespace claude_proxy::test_support
