#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

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
    // LiveProcess turns only: asked after each stdout chunk; true ends the turn as
    // TurnComplete with the process left running for the next one.
    std::function<bool()> turnComplete;
};

struct ProcessOutcome {
    enum class Ending {
        Exited,
        Signaled,
        TimedOut,
        Cancelled,
        ClientGone,
        OutputTooLarge,
        SpawnFailed,
        TurnComplete,  // LiveProcess: the turn is over and the process runs on
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

class ChildProcess;

// A child that lives across several turns: stdin stays open between them. Each turn writes its
// input and reads until the observer's turnComplete() says the turn is over (TurnComplete: the
// process runs on), or the child exits, or a limit or the observer ends it — then, as with
// runProcess, the whole group is ended and reaped and the process is gone for good. Between
// turns nothing reads its pipes. Same containment as runProcess (own group, cgroup, orphan
// sweep); counted by runningProcessCount() and ended by terminateAllProcessGroups() while it
// lives. One thread at a time; destroying it SIGKILLs and reaps whatever is left.
class LiveProcess {
  public:
    // nullptr (and the errno in `spawnErrno`) when it could not be spawned.
    static std::unique_ptr<LiveProcess> start(const ProcessSpec& spec, int& spawnErrno);
    ~LiveProcess();
    LiveProcess(const LiveProcess&) = delete;
    LiveProcess& operator=(const LiveProcess&) = delete;

    // One turn; `limits.totalTimeout` is this turn's wall-clock limit.
    ProcessOutcome runTurn(std::string_view input, const ProcessLimits& limits,
                           const ProcessObserver& observer);
    // False once the child has exited (or was told to end); it can then take no more turns.
    bool alive();
    // Ends it between turns: SIGTERM, SIGKILL after `grace`, reaped.
    void terminate(std::chrono::milliseconds grace);
    pid_t pid() const;
    // The leader's resident memory (VmRSS), 0 when unknown.
    std::size_t residentBytes() const;

  private:
    explicit LiveProcess(std::unique_ptr<ChildProcess> child);
    std::unique_ptr<ChildProcess> child_;
};

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
