#include "cli/process_runner.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli_test_support.hpp"

using claude_proxy::cli::ProcessLimits;
using claude_proxy::cli::ProcessObserver;
using claude_proxy::cli::ProcessOutcome;
using claude_proxy::cli::ProcessSpec;
using claude_proxy::cli::runningProcessCount;
using claude_proxy::cli::runProcess;
using claude_proxy::cli::terminateAllProcessGroups;
using claude_proxy::cli::test::TempDir;
using namespace std::chrono_literals;
using Ending = ProcessOutcome::Ending;

namespace {

ProcessSpec shell(const std::string& script) {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", script};
    spec.environment = {"PATH=/usr/bin:/bin"};
    return spec;
}

ProcessLimits quickLimits() {
    ProcessLimits limits;
    limits.totalTimeout = 10s;
    limits.killGrace = 200ms;
    return limits;
}

std::size_t openFdCount() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator("/proc/self/fd")) {
        ++n;
    }
    return n;
}

// True while some process that is not a zombie belongs to group `pgid`. (Killed orphans may
// linger as zombies when PID 1 does not reap, and kill(-pgid, 0) still succeeds on those.)
bool groupHasLiveMembers(int pgid) {
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) {
            continue;
        }
        std::ifstream in(entry.path() / "stat");
        std::string line;
        if (!std::getline(in, line)) {
            continue;
        }
        const auto close = line.rfind(')');
        if (close == std::string::npos) {
            continue;
        }
        std::istringstream fields(line.substr(close + 1));
        char state = 0;
        int ppid = 0;
        int group = 0;
        fields >> state >> ppid >> group;
        if (group == pgid && state != 'Z' && state != 'X') {
            return true;
        }
    }
    return false;
}

// True once the group has no member at all (the leader has been reaped and none is left).
bool groupIsGone(int pgid) {
    return ::kill(-pgid, 0) == -1 && errno == ESRCH;
}

template <typename Condition>
bool waitUntil(Condition condition, std::chrono::milliseconds bound = 3000ms) {
    const auto until = std::chrono::steady_clock::now() + bound;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(1ms);  // polling a condition with a bound, not a sync sleep
    }
    return true;
}

}  // namespace

TEST_CASE("runProcess: exit code, stdout, stderr, duration, pid") {
    const auto outcome = runProcess(shell("echo out; echo err >&2; exit 7"), quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.exitCode == 7);
    CHECK(outcome.stdoutData == "out\n");
    CHECK(outcome.stderrTail == "err\n");
    CHECK(outcome.pid > 0);
    CHECK(outcome.duration < 5s);
    CHECK(groupIsGone(outcome.pid));
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("runProcess: killed by its own signal") {
    const auto outcome = runProcess(shell("kill -9 $$"), quickLimits());
    CHECK(outcome.ending == Ending::Signaled);
    CHECK(outcome.signal == SIGKILL);
}

TEST_CASE("runProcess: 1 MiB through cat without deadlock") {
    std::string input(1024 * 1024, '\0');
    for (std::size_t i = 0; i < input.size(); ++i) {
        input[i] = static_cast<char>('a' + static_cast<char>(i % 26));
    }
    ProcessSpec spec;
    spec.argv = {"/bin/cat"};
    spec.stdinData = input;
    const auto outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.exitCode == 0);
    CHECK(outcome.stdoutData.size() == input.size());
    CHECK(outcome.stdoutData == input);
}

TEST_CASE("runProcess: child writes a lot before reading a large stdin") {
    const std::string input(256 * 1024, 'p');
    auto spec = shell("head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2; cat");
    spec.stdinData = input;
    const auto outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.exitCode == 0);
    CHECK(outcome.stdoutData.size() == 300000 + input.size());
    CHECK(outcome.stdoutData.substr(300000) == input);
}

TEST_CASE("runProcess: a child that closes stdin early does not hurt the server") {
    auto spec = shell("exec 0<&-; echo done");
    spec.stdinData = std::string(1024 * 1024, 'x');
    const auto outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.exitCode == 0);
    CHECK(outcome.stdoutData == "done\n");

    ProcessSpec trueSpec;
    trueSpec.argv = {"/bin/true"};
    trueSpec.stdinData = std::string(512 * 1024, 'y');
    const auto second = runProcess(trueSpec, quickLimits());
    CHECK(second.ending == Ending::Exited);
    CHECK(second.exitCode == 0);

    // The thread's signal mask is as before.
    sigset_t mask;
    sigemptyset(&mask);
    pthread_sigmask(SIG_SETMASK, nullptr, &mask);
    CHECK(sigismember(&mask, SIGPIPE) == 0);
}

TEST_CASE("runProcess: only the stderr tail is kept") {
    auto limits = quickLimits();
    limits.stderrTailBytes = 100;
    const auto outcome =
        runProcess(shell("head -c 300000 /dev/zero | tr '\\0' a >&2; echo END >&2"), limits);
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.stderrTail.size() == 100);
    CHECK(outcome.stderrTail.substr(96) == "END\n");
    CHECK(outcome.stderrTail.substr(0, 96) == std::string(96, 'a'));
}

TEST_CASE("runProcess: stdout chunks reach the observer") {
    std::string seen;
    int chunks = 0;
    ProcessObserver observer;
    observer.onStdout = [&](std::string_view chunk) {
        seen.append(chunk);
        ++chunks;
    };
    const auto outcome =
        runProcess(shell("echo one; head -c 200000 /dev/zero; echo two"), quickLimits(), observer);
    CHECK(outcome.ending == Ending::Exited);
    CHECK(chunks >= 1);
    CHECK(seen.size() == 4 + 200000 + 4);
    CHECK(seen.substr(0, 4) == "one\n");
    // What the observer took is not kept a second time.
    CHECK(outcome.stdoutData.empty());
}

TEST_CASE("runProcess: stdout over the limit ends the run") {
    auto limits = quickLimits();
    limits.maxStdoutBytes = 1000;
    ProcessSpec spec;
    spec.argv = {"/bin/cat", "/dev/zero"};
    const auto outcome = runProcess(spec, limits);
    CHECK(outcome.ending == Ending::OutputTooLarge);
    CHECK(outcome.stdoutData.size() == 1000);
    CHECK(groupIsGone(outcome.pid));
}

TEST_CASE("runProcess: total timeout kills the group") {
    auto limits = quickLimits();
    limits.totalTimeout = 150ms;
    ProcessSpec spec;
    spec.argv = {"/bin/sleep", "30"};
    const auto outcome = runProcess(spec, limits);
    CHECK(outcome.ending == Ending::TimedOut);
    CHECK(outcome.signal == SIGTERM);
    CHECK(outcome.duration >= 150ms);
    CHECK(outcome.duration < 2s);
    CHECK(groupIsGone(outcome.pid));
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("runProcess: a child ignoring SIGTERM gets SIGKILL after the grace") {
    auto limits = quickLimits();
    limits.killGrace = 200ms;
    std::atomic<bool> ready{false};
    ProcessObserver observer;
    observer.tickInterval = 5ms;
    observer.onStdout = [&](std::string_view chunk) {
        if (chunk.find("ready") != std::string_view::npos) {
            ready = true;
        }
    };
    observer.onTick = [&] { return !ready.load(); };
    const auto outcome = runProcess(shell("trap '' TERM; echo ready; sleep 30"), limits, observer);
    CHECK(outcome.ending == Ending::Cancelled);
    CHECK(outcome.signal == SIGKILL);
    CHECK(outcome.duration >= 200ms);
    CHECK(outcome.duration < 3s);
    CHECK(waitUntil([&] { return !groupHasLiveMembers(outcome.pid); }));
}

TEST_CASE("runProcess: a background grandchild holding stdout does not hold up the run") {
    const auto outcome = runProcess(shell("sleep 30 & echo hi"), quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.exitCode == 0);
    CHECK(outcome.stdoutData == "hi\n");
    CHECK(outcome.duration < 2s);
    CHECK(waitUntil([&] { return !groupHasLiveMembers(outcome.pid); }));

    // Same with a grandchild that ignores SIGTERM: it is SIGKILLed after the grace.
    const auto stubborn = runProcess(shell("trap '' TERM; sleep 30 & echo hi"), quickLimits());
    CHECK(stubborn.ending == Ending::Exited);
    CHECK(stubborn.stdoutData == "hi\n");
    CHECK(stubborn.duration < 3s);
    CHECK(waitUntil([&] { return !groupHasLiveMembers(stubborn.pid); }));
}

TEST_CASE("runProcess: onTick returning false cancels, ticks keep coming") {
    int ticks = 0;
    ProcessObserver observer;
    observer.tickInterval = 10ms;
    observer.onTick = [&] {
        ++ticks;
        CHECK(runningProcessCount() == 1);
        return ticks < 3;
    };
    ProcessSpec spec;
    spec.argv = {"/bin/sleep", "30"};
    const auto outcome = runProcess(spec, quickLimits(), observer);
    CHECK(outcome.ending == Ending::Cancelled);
    CHECK(ticks == 3);
    CHECK(outcome.duration >= 30ms);
    CHECK(outcome.duration < 2s);
    CHECK(groupIsGone(outcome.pid));
}

TEST_CASE("runProcess: watched socket hang-up ends the run as ClientGone") {
    int pair[2] = {-1, -1};
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0);
    ProcessObserver observer;
    observer.watchFd = pair[0];
    observer.tickInterval = 5ms;
    observer.onTick = [&] {
        if (pair[1] >= 0) {
            ::close(pair[1]);  // the client goes away while the child runs
            pair[1] = -1;
        }
        return true;
    };
    ProcessSpec spec;
    spec.argv = {"/bin/sleep", "30"};
    const auto outcome = runProcess(spec, quickLimits(), observer);
    ::close(pair[0]);
    CHECK(outcome.ending == Ending::ClientGone);
    CHECK(outcome.duration < 2s);
    CHECK(groupIsGone(outcome.pid));
}

TEST_CASE("runProcess: spawn failures") {
    TempDir dir;
    ProcessSpec spec;
    spec.argv = {dir.path() + "/does-not-exist"};
    auto outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::SpawnFailed);
    CHECK(outcome.spawnErrno == ENOENT);
    CHECK(outcome.pid == 0);

    spec.argv = {dir.writeFile("plain", "#!/bin/sh\necho no\n", 0644)};
    outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::SpawnFailed);
    CHECK(outcome.spawnErrno == EACCES);

    spec.argv = {"/bin/pwd"};
    spec.workingDirectory = dir.path() + "/no-such-dir";
    outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::SpawnFailed);
    CHECK(outcome.spawnErrno == ENOENT);

    spec.argv = {};
    outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::SpawnFailed);
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("runProcess: the environment is exactly the one given") {
    ProcessSpec spec;
    spec.argv = {"/usr/bin/env"};
    spec.environment = {"ALPHA=1", "BETA=two words", "EMPTY="};
    const auto outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.stdoutData == "ALPHA=1\nBETA=two words\nEMPTY=\n");

    spec.environment = {};
    CHECK(runProcess(spec, quickLimits()).stdoutData.empty());
}

TEST_CASE("runProcess: working directory, own process group, default signals") {
    TempDir dir;
    ProcessSpec spec;
    spec.argv = {"/bin/pwd"};
    spec.workingDirectory = dir.path();
    auto outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.stdoutData == dir.path() + "\n");

    // The child leads its own group (field 5 of /proc/self/stat is the pgrp).
    spec = ProcessSpec{};
    spec.argv = {"/usr/bin/cut", "-d", " ", "-f5", "/proc/self/stat"};
    outcome = runProcess(spec, quickLimits());
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.stdoutData == std::to_string(outcome.pid) + "\n");

    // A signal blocked or ignored in the calling thread is neither blocked nor ignored in the
    // child. (grep reads its own status; no shell in between that could change the mask.)
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigset_t previousMask;
    pthread_sigmask(SIG_BLOCK, &block, &previousMask);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    struct sigaction previousAction {};
    sigaction(SIGUSR1, &ignore, &previousAction);
    spec.argv = {"/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"};
    outcome = runProcess(spec, quickLimits());
    sigaction(SIGUSR1, &previousAction, nullptr);
    pthread_sigmask(SIG_SETMASK, &previousMask, nullptr);
    CHECK(outcome.ending == Ending::Exited);
    REQUIRE(outcome.stdoutData.size() > 40);
    // Masks are hex bit sets, bit n-1 for signal n. glibc's posix_spawn leaves its two internal
    // signals (32, 33) ignored; every program re-arms those itself, so only 1..31 are checked.
    const auto maskAfter = [&](const std::string& label) {
        const auto at = outcome.stdoutData.find(label);
        REQUIRE(at != std::string::npos);
        return std::stoull(outcome.stdoutData.substr(at + label.size(), 16), nullptr, 16);
    };
    constexpr unsigned long long kClassicSignals = 0x7fffffffULL;
    CHECK((maskAfter("SigBlk:\t") & kClassicSignals) == 0);
    CHECK((maskAfter("SigIgn:\t") & kClassicSignals) == 0);
}

TEST_CASE("runProcess: terminateAllProcessGroups cancels running children") {
    std::promise<void> started;
    auto startedFuture = started.get_future();
    ProcessObserver observer;
    bool signalled = false;
    observer.onStdout = [&](std::string_view) {
        if (!signalled) {
            signalled = true;
            started.set_value();
        }
    };
    auto limits = quickLimits();
    auto runner = std::async(std::launch::async, [&] {
        return runProcess(shell("echo up; exec sleep 30"), limits, observer);
    });
    REQUIRE(startedFuture.wait_for(5s) == std::future_status::ready);
    CHECK(runningProcessCount() == 1);
    terminateAllProcessGroups();
    REQUIRE(runner.wait_for(5s) == std::future_status::ready);
    const auto outcome = runner.get();
    CHECK(outcome.ending == Ending::Cancelled);
    CHECK(outcome.duration < 3s);
    CHECK(groupIsGone(outcome.pid));
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("runProcess: no descriptor leaks across many runs") {
    TempDir dir;
    const std::string plain = dir.writeFile("plain", "x", 0644);
    const std::size_t before = openFdCount();
    for (int i = 0; i < 20; ++i) {
        auto limits = quickLimits();
        ProcessSpec spec = shell("echo x; echo y >&2");
        spec.stdinData = "input";
        CHECK(runProcess(spec, limits).ending == Ending::Exited);

        ProcessSpec missing;
        missing.argv = {plain};
        CHECK(runProcess(missing, limits).ending == Ending::SpawnFailed);

        limits.totalTimeout = 1ms;
        ProcessSpec sleeper;
        sleeper.argv = {"/bin/sleep", "30"};
        CHECK(runProcess(sleeper, limits).ending == Ending::TimedOut);
    }
    CHECK(openFdCount() == before);
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("runProcess: an observer that throws leaves no child behind") {
    const std::size_t before = openFdCount();
    ProcessObserver observer;
    observer.onStdout = [](std::string_view) { throw std::runtime_error("client write failed"); };
    auto spec = shell("echo $$; exec sleep 30");
    spec.stdinData = std::string(300 * 1024, 'z');  // still being written when the throw comes
    CHECK_THROWS_AS(runProcess(spec, quickLimits(), observer), std::runtime_error);
    CHECK(runningProcessCount() == 0);
    CHECK(openFdCount() == before);
}

TEST_CASE("runProcess: huge limits do not overflow") {
    ProcessLimits limits;
    limits.totalTimeout = std::chrono::milliseconds::max();
    limits.killGrace = std::chrono::milliseconds::max();
    ProcessObserver observer;
    observer.tickInterval = std::chrono::milliseconds::max();
    observer.onTick = [] { return true; };
    const auto outcome = runProcess(shell("echo fine"), limits, observer);
    CHECK(outcome.ending == Ending::Exited);
    CHECK(outcome.stdoutData == "fine\n");
}

TEST_CASE("runProcess: concurrent runs from several threads") {
    constexpr int kThreads = 6;
    constexpr int kRuns = 5;
    std::vector<std::future<int>> results;
    for (int t = 0; t < kThreads; ++t) {
        results.push_back(std::async(std::launch::async, [t] {
            int good = 0;
            for (int i = 0; i < kRuns; ++i) {
                const std::string word = "t" + std::to_string(t) + "r" + std::to_string(i);
                ProcessSpec spec;
                spec.argv = {"/bin/cat"};
                spec.stdinData = word + std::string(100 * 1024, '.');
                const auto outcome = runProcess(spec, quickLimits());
                if (outcome.ending == Ending::Exited && outcome.exitCode == 0 &&
                    outcome.stdoutData == spec.stdinData) {
                    ++good;
                }
            }
            return good;
        }));
    }
    for (auto& r : results) {
        CHECK(r.get() == kRuns);
    }
    CHECK(runningProcessCount() == 0);
}
