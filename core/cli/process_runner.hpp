#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::cli {

struct ProcessSpec {
    std::vector<std::string> argv;  // argv[0] is the executable path; no shell is involved
    std::vector<std::string> environment;  // "NAME=value"; the child gets exactly these
    std::string workingDirectory;
    std::string stdinData;  // written in full, then stdin is closed
};

struct ProcessLimits {
    std::chrono::milliseconds totalTimeout{600000};  // wall clock from spawn
    std::chrono::milliseconds killGrace{2000};       // SIGTERM -> SIGKILL
    std::size_t maxStdoutBytes = 64 * 1024 * 1024;   // more is treated as a crash (killed)
    std::size_t stderrTailBytes = 8 * 1024;          // only the last bytes are kept
};

// Hooks called on the runner's (the request's) thread while the child runs.
struct ProcessObserver {
    // Each stdout chunk as it is read (may split lines and UTF-8 sequences). Optional.
    std::function<void(std::string_view)> onStdout;
    // Called at least every `tickInterval` while the child runs; returning false ends the run
    // as Cancelled (e.g. a streaming client went away, or a write to it failed). Optional.
    std::function<bool()> onTick;
    std::chrono::milliseconds tickInterval{250};
    // A socket to watch: when its peer hangs up (POLLRDHUP/POLLHUP/POLLERR) the run ends as
    // ClientGone at once. -1: none.
    int watchFd = -1;
};

struct ProcessOutcome {
    enum class Ending { Exited, Signaled, TimedOut, Cancelled, ClientGone, OutputTooLarge, SpawnFailed };
    Ending ending = Ending::Exited;
    int exitCode = -1;   // Exited
    int signal = 0;      // Signaled
    int spawnErrno = 0;  // SpawnFailed
    std::string stdoutData;  // everything read (also when onStdout is set)
    std::string stderrTail;
    std::chrono::milliseconds duration{0};
};

// Runs one child in its own process group, feeding stdin and draining stdout and stderr with
// poll(2) so no pipe can fill up. Whatever ends the run (exit, timeout, cancel, client gone),
// the whole process group gets SIGTERM, then SIGKILL after killGrace, and the child is reaped
// before this returns: no child outlives the call. Thread-safe; one call per request thread.
ProcessOutcome runProcess(const ProcessSpec& spec, const ProcessLimits& limits,
                          const ProcessObserver& observer = {});

// Ends every process group still running (server shutdown). Safe from any thread; runs in
// progress then finish as Cancelled.
void terminateAllProcessGroups();

// How many children are running right now (for /health and tests).
std::size_t runningProcessCount();

}  // namespace claude_proxy::cli
