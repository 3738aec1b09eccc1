// ChildProcess and the /proc based census, on plain `sleep` processes.
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "support/child_process.hpp"
#include "support/env_list.hpp"
#include "support/process_census.hpp"
#include "support/scratch_dir.hpp"

namespace support = claude_proxy::test_support;
using namespace std::chrono_literals;

namespace {

bool contains(const std::vector<pid_t>& pids, pid_t pid) {
    return std::find(pids.begin(), pids.end(), pid) != pids.end();
}

support::ChildSpec commandSpec(std::vector<std::string> argv) {
    support::ChildSpec spec;
    spec.argv = std::move(argv);
    spec.environment = support::buildEnvironment({{"PATH", support::getEnv("PATH")}});
    return spec;
}

}  // namespace

TEST_CASE("census: a spawned sleep is our child until it is stopped and reaped") {
    pid_t pid = 0;
    {
        support::ChildProcess sleeper(commandSpec({"sleep", "30"}));
        pid = sleeper.pid();
        CHECK(contains(support::childrenOf(::getpid()), pid));
        CHECK(contains(support::descendantsOf(::getpid()), pid));
        CHECK(::getpgid(pid) == pid);  // leader of its own process group
        CHECK(support::openFdCount(pid) >= 3);
        CHECK(sleeper.running());
        CHECK(support::isAlive(pid));

        CHECK(sleeper.sendSignal(SIGTERM));
        const auto status = sleeper.waitForExit(5s);
        REQUIRE(status.has_value());
        CHECK(status->signal == SIGTERM);
        CHECK_FALSE(contains(support::childrenOf(::getpid()), pid));
    }
    CHECK(support::openFdCount(pid) == -1);
}

TEST_CASE("census: the destructor kills and reaps a child that is still running") {
    pid_t pid = 0;
    {
        support::ChildProcess sleeper(commandSpec({"sleep", "30"}));
        pid = sleeper.pid();
    }
    CHECK_FALSE(contains(support::childrenOf(::getpid()), pid));
    CHECK_FALSE(support::isAlive(pid));
}

TEST_CASE("census: grandchildren are descendants, and names with spaces and parens parse") {
    const support::ScratchDir scratch("census");
    // A copy of sleep whose command name ("comm") holds a space and a ')'.
    const std::string oddName = scratch.path() + "/sl p)x";
    std::filesystem::copy_file("/bin/sleep", oddName);
    std::filesystem::permissions(oddName, std::filesystem::perms::owner_all);

    support::ChildProcess shell(
        commandSpec({"sh", "-c", "'" + oddName + "' 30 & echo started; wait"}));
    REQUIRE(shell.waitForOutput("started", 5s));
    std::vector<pid_t> grandchildren;
    REQUIRE(support::waitUntil(
        [&] {
            grandchildren = support::childrenOf(shell.pid());
            return grandchildren.size() == 1;
        },
        5s));
    const auto descendants = support::descendantsOf(::getpid());
    CHECK(contains(descendants, shell.pid()));
    CHECK(contains(descendants, grandchildren.front()));
    CHECK(support::descendantsOf(shell.pid()) == grandchildren);

    shell.stop(2s);  // SIGKILLs the group: the grandchild goes too
    CHECK(support::waitUntil([&] { return !support::isAlive(grandchildren.front()); }, 5s));
}

TEST_CASE("census: stdin is fed and stdout/stderr are kept apart") {
    support::ChildSpec spec = commandSpec({"sh", "-c", "cat; echo oops >&2; exit 3"});
    spec.stdinData = std::string(200000, 'x');  // more than a pipe holds
    const auto result = support::runToCompletion(std::move(spec), 10s);
    REQUIRE(result.status.has_value());
    CHECK(result.status->exitedWith(3));
    CHECK(result.stdoutText.size() == 200000);
    CHECK(result.stderrText == "oops\n");
}

TEST_CASE("census: waitUntil is bounded") {
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(support::waitUntil([] { return false; }, 100ms));
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    CHECK(support::waitUntil([] { return true; }, 0ms));
}

TEST_CASE("census: a spawn failure is an exception") {
    CHECK_THROWS(support::ChildProcess(commandSpec({"/nonexistent/binary"})));
}
