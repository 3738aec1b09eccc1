#include "cli/process_runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "cli/descendant_containment.hpp"
#include "cli/process_spawn.hpp"

namespace claude_proxy::cli {

namespace {

using Clock = std::chrono::steady_clock;
using spawn::later;
using spawn::pollTimeoutMs;
using spawn::UniqueFd;
using std::chrono::milliseconds;

// Without a pidfd (kernel < 5.3) the child's exit is checked this often.
constexpr milliseconds kExitPollInterval{10};
// After SIGKILL, how long to keep reading pipes that something outside the group holds open.
constexpr milliseconds kGiveUpAfterKill{500};
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kWriteChunk = 64 * 1024;
// Reads per readiness event, so one busy pipe cannot starve the other descriptors.
constexpr int kReadsPerEvent = 16;

// Per-process state reachable from terminateAllProcessGroups().
struct RunControl {
    std::atomic<bool> terminated{false};
    UniqueFd wake;  // eventfd written to wake the process's poll loop
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

// Why the runner itself ended a turn (and with it the process).
enum class Stop { None, TimedOut, Cancelled, ClientGone, OutputTooLarge };

}  // namespace

// One child process, spawned once and then driven through one or more turns: a turn writes
// its input to stdin and reads stdout/stderr until the observer says the turn is complete, the
// child exits, or a limit ends it. Whatever ends a turn other than completion ends the process
// too: the group gets SIGTERM, SIGKILL after the grace, and is reaped. Between turns nobody
// reads the pipes and stdin stays open. Used by one thread at a time.
class ChildProcess {
  public:
    explicit ChildProcess(ProcessSpec spec) : spec_(std::move(spec)), buffer_(kReadChunk) {}
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    ~ChildProcess() {
        // A live child here means the owner let go of it (or an exception interrupted a
        // turn): end the group at once and reap.
        if (pid_ > 0 && !reaped_) {
            unregister();
            signalGroup(SIGKILL);
            int status = 0;
            while (!childLost_ && ::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
            }
            disown();
            cgroup_.reset();
            sweepOrphans();
        }
    }

    // Spawns the child; 0 or an errno value.
    int start() {
        UniqueFd childStdin;
        UniqueFd childStdout;
        UniqueFd childStderr;
        int err = spawn::makePipe(childStdin, stdin_);
        if (err == 0) {
            err = spawn::makePipe(stdout_, childStdout);
        }
        if (err == 0) {
            err = spawn::makePipe(stderr_, childStderr);
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
            err = spawn::spawnChild(spec_, childStdin.get(), childStdout.get(), childStderr.get(),
                                    pid);
            if (err == 0) {
                reg.runs[pid] = &control_;
                ++reg.owned[pid];
                registered_ = true;
                owned_ = true;
            }
        }
        if (err != 0) {
            cgroup_.reset();
            return err;
        }
        pid_ = pid;
        if (cgroup_ && !cgroup_->adopt(pid_)) {
            cgroup_.reset();  // the process group and the orphan sweep still contain it
        }
        pidfd_ = UniqueFd(spawn::openPidfd(pid_));
        // The parent's copies of the child's ends must go, or EOF would never come.
        childStdin.reset();
        childStdout.reset();
        childStderr.reset();
        if (spawn::setNonBlocking(stdin_.get()) != 0 || spawn::setNonBlocking(stdout_.get()) != 0 ||
            spawn::setNonBlocking(stderr_.get()) != 0) {
            brokenPipes_ = true;
        }
        return 0;
    }

    // One turn: writes `input` (then closes stdin when `closeAfter`), reads until the turn is
    // complete (observer.turnComplete), the child exits, or a limit ends it.
    ProcessOutcome turn(std::string_view input, bool closeAfter, const ProcessLimits& limits,
                        const ProcessObserver& observer) {
        spawn::SigpipeBlock sigpipe;
        sigpipe_ = &sigpipe;
        limits_ = &limits;
        observer_ = &observer;
        input_ = input;
        inputOffset_ = 0;
        closeAfter_ = closeAfter;
        resetTurn();
        const auto started = Clock::now();
        outcome_ = ProcessOutcome{};
        outcome_.pid = pid_;
        if (brokenPipes_) {
            requestStop(Stop::Cancelled, started);
        }
        if (!stdin_.valid() && !input_.empty()) {
            inputOffset_ = input_.size();  // stdin was closed by an earlier turn
        }
        if (!exited_ && (input_.empty() || inputOffset_ == input_.size()) && closeAfter_) {
            stdin_.reset();
        }
        loop(started);
        if (turnComplete_ && !exited_ && stop_ == Stop::None) {
            outcome_.ending = ProcessOutcome::Ending::TurnComplete;
        } else {
            finish();
        }
        outcome_.duration = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
        sigpipe_ = nullptr;
        return std::move(outcome_);
    }

    // True while the child runs (between turns: it has not exited on its own).
    bool alive() {
        if (reaped_ || exited_) {
            return false;
        }
        if (leaderExited()) {
            exited_ = true;
            return false;
        }
        return !control_.terminated.load();
    }

    // Ends a child between turns: SIGTERM, SIGKILL after `grace`, reaped.
    void terminate(milliseconds grace) {
        if (reaped_) {
            return;
        }
        ProcessLimits limits;
        limits.totalTimeout = milliseconds::max();
        limits.killGrace = grace;
        const ProcessObserver none;
        spawn::SigpipeBlock sigpipe;
        sigpipe_ = &sigpipe;
        limits_ = &limits;
        observer_ = &none;
        input_ = {};
        inputOffset_ = 0;
        closeAfter_ = true;
        resetTurn();
        const auto now = Clock::now();
        if (!exited_ && !leaderExited()) {
            requestStop(Stop::Cancelled, now);
            loop(now);
        } else {
            exited_ = true;
        }
        finish();
        sigpipe_ = nullptr;
    }

    pid_t pid() const { return pid_; }

  private:
    void resetTurn() {
        stop_ = Stop::None;
        turnComplete_ = false;
        termSent_ = false;
        killSent_ = false;
        stdoutBytes_ = 0;
        discardStdout_ = false;
    }

    void loop(Clock::time_point started) {
        const Clock::time_point deadline = later(started, limits_->totalTimeout);
        const milliseconds tickEvery = std::max(observer_->tickInterval, milliseconds(1));
        Clock::time_point nextTick = later(started, tickEvery);
        const bool hasTick = static_cast<bool>(observer_->onTick);

        while (true) {
            Clock::time_point now = Clock::now();
            if (turnComplete_ && !exited_ && stop_ == Stop::None) {
                return;  // the process stays for the next turn
            }
            if (!exited_ && stop_ == Stop::None) {
                if (control_.terminated.load()) {
                    requestStop(Stop::Cancelled, now);
                } else if (now >= deadline) {
                    requestStop(Stop::TimedOut, now);
                } else if (hasTick && now >= nextTick) {
                    const bool keepGoing = observer_->onTick();
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
            const bool writing = stdin_.valid() && inputOffset_ < input_.size();
            const std::size_t inIdx = writing ? add(stdin_.get(), POLLOUT) : kNone;
            const std::size_t outIdx = stdout_.valid() ? add(stdout_.get(), POLLIN) : kNone;
            const std::size_t errIdx = stderr_.valid() ? add(stderr_.get(), POLLIN) : kNone;
            const std::size_t pidIdx =
                pidfd_.valid() && !exited_ ? add(pidfd_.get(), POLLIN) : kNone;
            const bool running = !exited_ && stop_ == Stop::None;
            const std::size_t wakeIdx = running ? add(control_.wake.get(), POLLIN) : kNone;
            const std::size_t watchIdx =
                running && observer_->watchFd >= 0 ? add(observer_->watchFd, POLLRDHUP) : kNone;

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

    // Asks the group to end (once per turn); the first reason given wins.
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
        killAt_ = later(now, limits_->killGrace);
    }

    // Signals the whole group, unless the leader was reaped behind our back (then the group id
    // may belong to someone else by now).
    void signalGroup(int sig) const {
        if (!childLost_ && pid_ > 0) {
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
        while (inputOffset_ < input_.size()) {
            const std::size_t chunk = std::min(input_.size() - inputOffset_, kWriteChunk);
            const ssize_t n = ::write(stdin_.get(), input_.data() + inputOffset_, chunk);
            if (n > 0) {
                inputOffset_ += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0 && errno == EAGAIN) {
                return;  // pipe full: poll says when there is room
            }
            if (n < 0 && errno == EPIPE && sigpipe_ != nullptr) {
                sigpipe_->discardPending();  // the child closed stdin early: stop writing
            }
            stdin_.reset();
            return;
        }
        if (closeAfter_) {
            stdin_.reset();  // all written: EOF for the child
        }
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
        const std::size_t room = limits_->maxStdoutBytes - stdoutBytes_;
        if (chunk.size() > room) {
            chunk = chunk.substr(0, room);
            discardStdout_ = true;
        }
        if (!chunk.empty()) {
            stdoutBytes_ += chunk.size();
            if (observer_->onStdout) {
                // The observer keeps what it needs: the output is not kept a second time here.
                // Once the runner has ended the turn nobody wants more: stop forwarding.
                if (stop_ == Stop::None) {
                    observer_->onStdout(chunk);
                    if (observer_->turnComplete && observer_->turnComplete()) {
                        turnComplete_ = true;
                    }
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
        const std::size_t keep = limits_->stderrTailBytes;
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

    // The end of the process: pipes closed, group killed, leader reaped, descendants swept.
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
        while (!childLost_ && !reaped_) {
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
        if (outcome_.stderrTail.size() > limits_->stderrTailBytes) {
            outcome_.stderrTail.erase(0, outcome_.stderrTail.size() - limits_->stderrTailBytes);
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

    const ProcessSpec spec_;
    std::vector<char> buffer_;
    RunControl control_;
    std::unique_ptr<RunCgroup> cgroup_;
    pid_t pid_ = 0;
    UniqueFd pidfd_;
    UniqueFd stdin_;   // parent's write end
    UniqueFd stdout_;  // parent's read ends
    UniqueFd stderr_;
    bool registered_ = false;
    bool owned_ = false;
    bool childLost_ = false;
    bool reaped_ = false;
    bool exited_ = false;
    bool brokenPipes_ = false;

    // The turn in progress.
    spawn::SigpipeBlock* sigpipe_ = nullptr;
    const ProcessLimits* limits_ = nullptr;
    const ProcessObserver* observer_ = nullptr;
    std::string_view input_;
    std::size_t inputOffset_ = 0;
    bool closeAfter_ = true;
    ProcessOutcome outcome_;
    std::size_t stdoutBytes_ = 0;
    bool discardStdout_ = false;
    bool turnComplete_ = false;
    Stop stop_ = Stop::None;
    bool termSent_ = false;
    bool killSent_ = false;
    Clock::time_point killAt_{};
    Clock::time_point giveUpAt_{};
};

ProcessOutcome runProcess(const ProcessSpec& spec, const ProcessLimits& limits,
                          const ProcessObserver& observer) {
    ChildProcess child(spec);
    if (const int err = child.start(); err != 0) {
        ProcessOutcome failed;
        failed.ending = ProcessOutcome::Ending::SpawnFailed;
        failed.spawnErrno = err;
        return failed;
    }
    ProcessObserver oneShot = observer;
    oneShot.turnComplete = nullptr;  // a one-shot run lasts until the child exits
    return child.turn(spec.stdinData, true, limits, oneShot);
}

LiveProcess::LiveProcess(std::unique_ptr<ChildProcess> child) : child_(std::move(child)) {}

LiveProcess::~LiveProcess() = default;

std::unique_ptr<LiveProcess> LiveProcess::start(const ProcessSpec& spec, int& spawnErrno) {
    auto child = std::make_unique<ChildProcess>(spec);
    spawnErrno = child->start();
    if (spawnErrno != 0) {
        return nullptr;
    }
    return std::unique_ptr<LiveProcess>(new LiveProcess(std::move(child)));
}

ProcessOutcome LiveProcess::runTurn(std::string_view input, const ProcessLimits& limits,
                                    const ProcessObserver& observer) {
    return child_->turn(input, false, limits, observer);
}

bool LiveProcess::alive() {
    return child_->alive();
}

void LiveProcess::terminate(std::chrono::milliseconds grace) {
    child_->terminate(grace);
}

pid_t LiveProcess::pid() const {
    return child_->pid();
}

std::size_t LiveProcess::residentBytes() const {
    std::ifstream status("/proc/" + std::to_string(child_->pid()) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            std::size_t kib = 0;
            status >> kib;
            return kib * 1024;
        }
        status.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    return 0;
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
