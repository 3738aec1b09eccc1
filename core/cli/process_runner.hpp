#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::cli {

struct ProcessSpec {
    std::vector<std::string> argv;         // argv[0] is the executable path; no shell is involved
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
    // Each stdout chunk as it is read (may split lines and UTF-8 sequences). Not called any
    // more once the runner itself has ended the run (timeout, cancel, client gone, too much
    // output). Optional.
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
    enum class Ending {
        Exited,
        Signaled,
        TimedOut,
        Cancelled,
        ClientGone,
        OutputTooLarge,
        SpawnFailed
    };
    Ending ending = Ending::Exited;
    int exitCode = -1;       // Exited; also filled for the stop endings when the child exited
    int signal = 0;          // Signaled; also filled for the stop endings (e.g. SIGTERM, SIGKILL)
    int spawnErrno = 0;      // SpawnFailed
    int pid = 0;             // the child's pid, also its process group id; 0 when not spawned
    std::string stdoutData;  // everything read, up to maxStdoutBytes; empty when onStdout is set
                             // (the observer has it all)
    std::string stderrTail;
    std::chrono::milliseconds duration{0};
};

// Runs one child in its own process group, feeding stdin and draining stdout and stderr with
// poll(2) so no pipe can fill up. Whatever ends the run (exit, timeout, cancel, client gone),
// the whole process group gets SIGTERM, then SIGKILL after killGrace, and the child is reaped
// before this returns: no child outlives the call. Thread-safe; one call per request thread.
// Details:
//  - posix_spawn (no shell, no PATH search: argv[0] must be a path) with the child in a new
//    process group, an empty signal mask and default dispositions, fds >= 3 closed.
//  - When the child itself exits, what it wrote is read and the run is over at once, even
//    when something it started still holds stdout/stderr: the group (and the run's cgroup,
//    when cgroups are in use) is SIGKILLed, orphans that left the group are swept
//    (sweepOrphans), and the ending stays Exited.
//  - SIGPIPE: the calling thread blocks it during the run and discards the one an early-closed
//    stdin raises; the process-wide disposition is not touched.
//  - The server must not set SIGCHLD to SIG_IGN nor reap children with waitpid(-1): the
//    runner reaps its own child and relies on the unreaped leader keeping the group id.
//  - If an observer callback throws, the group is SIGKILLed and reaped before the exception
//    leaves this function.
ProcessOutcome runProcess(const ProcessSpec& spec, const ProcessLimits& limits,
                          const ProcessObserver& observer = {});

// Ends every process group still running (server shutdown). Safe from any thread; runs in
// progress then finish as Cancelled.
void terminateAllProcessGroups();

// Ends and reaps every child of the proxy that the runner did not spawn itself: descendants of
// runs that were re-parented to the proxy (it is a child subreaper, see
// descendant_containment.hpp). Every run calls it when it ends; safe from any thread.
void sweepOrphans();

// How many children are running right now (for /health and tests).
std::size_t runningProcessCount();

}  // namespace claude_proxy::cli
