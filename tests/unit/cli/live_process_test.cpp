#include <doctest/doctest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "cli/process_runner.hpp"

using claude_proxy::cli::LiveProcess;
using claude_proxy::cli::ProcessLimits;
using claude_proxy::cli::ProcessObserver;
using claude_proxy::cli::ProcessSpec;
using claude_proxy::cli::runningProcessCount;
using claude_proxy::cli::terminateAllProcessGroups;
using Ending = claude_proxy::cli::ProcessOutcome::Ending;
using namespace std::chrono_literals;

namespace {

// A "CLI" that answers every input line with one line of its own, then waits for the next.
std::unique_ptr<LiveProcess> startEcho() {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", "while read line; do echo \"answer to $line\"; done"};
    spec.environment = {"PATH=/usr/bin:/bin"};
    int error = 0;
    auto process = LiveProcess::start(spec, error);
    REQUIRE(process != nullptr);
    CHECK(error == 0);
    return process;
}

ProcessLimits turnLimits(std::chrono::milliseconds timeout = 10s) {
    ProcessLimits limits;
    limits.totalTimeout = timeout;
    limits.killGrace = 200ms;
    return limits;
}

// One turn that is complete once a whole line came back; returns what came back.
std::string ask(LiveProcess& process, const std::string& line, Ending& ending,
                std::chrono::milliseconds timeout = 10s) {
    std::string seen;
    ProcessObserver observer;
    observer.onStdout = [&](std::string_view chunk) { seen.append(chunk); };
    observer.turnComplete = [&] { return seen.find('\n') != std::string::npos; };
    const auto outcome = process.runTurn(line + "\n", turnLimits(timeout), observer);
    ending = outcome.ending;
    return seen;
}

template <typename Condition>
bool eventually(Condition condition) {
    for (int i = 0; i < 1000; ++i) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(5ms);
    }
    return condition();
}

}  // namespace

TEST_CASE("live process: several turns on one process, each read to its own end") {
    auto process = startEcho();
    const pid_t pid = process->pid();
    Ending ending = Ending::Exited;
    CHECK(ask(*process, "one", ending) == "answer to one\n");
    CHECK(ending == Ending::TurnComplete);
    CHECK(process->alive());
    CHECK(ask(*process, "two", ending) == "answer to two\n");
    CHECK(ending == Ending::TurnComplete);
    CHECK(process->pid() == pid);
    CHECK(runningProcessCount() == 1);
    CHECK(process->residentBytes() > 0);
    process->terminate(200ms);
    CHECK_FALSE(process->alive());
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("live process: a turn that times out ends the process for good") {
    auto process = startEcho();
    Ending ending = Ending::Exited;
    std::string seen;
    ProcessObserver observer;
    observer.onStdout = [&](std::string_view chunk) { seen.append(chunk); };
    observer.turnComplete = [] { return false; };  // never complete
    const auto outcome = process->runTurn("x\n", turnLimits(150ms), observer);
    CHECK(outcome.ending == Ending::TimedOut);
    CHECK_FALSE(process->alive());
    CHECK(runningProcessCount() == 0);
    // A dead process answers no more turns.
    ask(*process, "again", ending);
    CHECK(ending != Ending::TurnComplete);
}

TEST_CASE("live process: a child that dies between turns is noticed") {
    auto process = startEcho();
    Ending ending = Ending::Exited;
    ask(*process, "one", ending);
    REQUIRE(ending == Ending::TurnComplete);
    ::kill(process->pid(), SIGKILL);
    CHECK(eventually([&] { return !process->alive(); }));
    ask(*process, "two", ending);
    CHECK(ending == Ending::Signaled);  // killed from outside, and reaped
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("live process: shutdown ends idle live processes too") {
    auto process = startEcho();
    Ending ending = Ending::Exited;
    ask(*process, "one", ending);
    REQUIRE(ending == Ending::TurnComplete);
    terminateAllProcessGroups();
    CHECK(eventually([&] { return !process->alive(); }));
    process.reset();
    CHECK(runningProcessCount() == 0);
}

TEST_CASE("live process: the client going away mid-turn ends the process") {
    auto process = startEcho();
    int sockets[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) == 0);
    ProcessObserver observer;
    observer.watchFd = sockets[0];
    observer.turnComplete = [] { return false; };
    std::thread hangUp([&] {
        std::this_thread::sleep_for(50ms);
        ::close(sockets[1]);
    });
    const auto outcome = process->runTurn("x\n", turnLimits(), observer);
    hangUp.join();
    ::close(sockets[0]);
    CHECK(outcome.ending == Ending::ClientGone);
    CHECK_FALSE(process->alive());
}
