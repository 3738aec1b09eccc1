#include "cli/descendant_containment.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "cli/process_runner.hpp"

using claude_proxy::cli::childrenOf;
using claude_proxy::cli::enableDescendantContainment;
using claude_proxy::cli::ProcessLimits;
using claude_proxy::cli::ProcessSpec;
using claude_proxy::cli::runProcess;
using claude_proxy::cli::sweepOrphans;
using namespace std::chrono_literals;

namespace {

// True while `pid` exists and is not a zombie.
bool isLive(pid_t pid) {
    std::FILE* stat = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (stat == nullptr) {
        return false;
    }
    char state = 'X';
    const int read = std::fscanf(stat, "%*d %*s %c", &state);
    std::fclose(stat);
    return read == 1 && state != 'Z';
}

bool isChild(pid_t pid) {
    for (const pid_t child : childrenOf(::getpid())) {
        if (child == pid) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("containment: a descendant that leaves its process group is ended with the run") {
    MESSAGE(enableDescendantContainment());
    ProcessSpec spec;
    // setsid: the sleep leaves the CLI's process group and session, and holds its stdout.
    spec.argv = {"/bin/sh", "-c", "setsid sleep 300 & echo $!"};
    spec.environment = {"PATH=/usr/bin:/bin"};
    ProcessLimits limits;
    limits.totalTimeout = 20s;
    limits.killGrace = 30s;  // waiting for it would hold the run this long
    const auto outcome = runProcess(spec, limits);
    REQUIRE(outcome.ending == claude_proxy::cli::ProcessOutcome::Ending::Exited);
    const pid_t escaped = static_cast<pid_t>(std::stol(outcome.stdoutData));
    // Gone, and reaped by the proxy (no zombie is left as our child).
    CHECK_FALSE(isLive(escaped));
    CHECK_FALSE(isChild(escaped));
    CHECK(outcome.duration < limits.killGrace);
}

TEST_CASE("containment: orphans re-parented to the proxy are swept and reaped") {
    enableDescendantContainment();
    // A child that starts a grandchild in a session of its own and exits: the grandchild is
    // re-parented to this process, which is a child subreaper.
    int pipeFds[2];
    REQUIRE(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const pid_t grandchild = ::fork();
        if (grandchild == 0) {
            ::setsid();
            ::close(pipeFds[0]);
            ::close(pipeFds[1]);
            ::pause();
            ::_exit(0);
        }
        [[maybe_unused]] const auto n = ::write(pipeFds[1], &grandchild, sizeof grandchild);
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    pid_t grandchild = 0;
    REQUIRE(::read(pipeFds[0], &grandchild, sizeof grandchild) == sizeof grandchild);
    ::close(pipeFds[0]);
    REQUIRE(::waitpid(child, nullptr, 0) == child);
    // Re-parenting happens as the child exits.
    for (int i = 0; i < 500 && !isChild(grandchild); ++i) {
        std::this_thread::sleep_for(2ms);
    }
    REQUIRE(isChild(grandchild));
    REQUIRE(isLive(grandchild));

    sweepOrphans();
    CHECK_FALSE(isLive(grandchild));
    CHECK_FALSE(isChild(grandchild));
}
