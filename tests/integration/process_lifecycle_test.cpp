// No CLI outlives its request: disconnects, limits, shutdown; no descriptor leaks.
#include <doctest/doctest.h>
#include <signal.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "harness.hpp"
#include "support/process_census.hpp"
#include "support/test_environment.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::openFdCount;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::RawConnection;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(15);

// Open sockets of a process (its /proc/<pid>/fd links to "socket:[…]").
int socketCount(pid_t pid) {
    int sockets = 0;
    std::error_code error;
    for (const auto& entry :
         std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", error)) {
        std::error_code linkError;
        const auto target = std::filesystem::read_symlink(entry.path(), linkError);
        if (!linkError && target.string().rfind("socket:", 0) == 0) {
            ++sockets;
        }
    }
    return sockets;
}

// Sends a chat request on a raw connection without waiting for the answer.
void sendChat(RawConnection& connection, const std::string& body) {
    connection.send(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body);
}

}  // namespace

TEST_CASE("a client that disconnects mid-request ends the CLI process group") {
    Harness h;
    RawConnection client(h.proxy.port());
    sendChat(client, userBody("MOCK:hang"));
    // The CLI is running and has reached the model.
    REQUIRE(h.mock.waitForRequestCount(1));
    REQUIRE(h.cliProcesses() == 1);
    const auto cliPid = test_support::childrenOf(h.proxy.pid()).at(0);

    client.abort();
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    CHECK_FALSE(test_support::isAlive(cliPid));
    CHECK(h.mock.waitForRequests(
        [](const auto& requests) { return requests.at(0).clientClosedEarly; }, kBound));
    CHECK(h.proxy.waitForOutput("status=499"));
    // The server is fine afterwards.
    CHECK(replyText(h.chat(userBody("hi"))) == "Hello from mock");
}

TEST_CASE("an orderly close mid-request also ends the CLI") {
    Harness h;
    RawConnection client(h.proxy.port());
    sendChat(client, userBody("MOCK:stall"));
    REQUIRE(h.mock.waitForRequestCount(1));
    client.close();
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

TEST_CASE("the concurrency limit answers 429 with Retry-After once the wait runs out") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--queue-timeout-ms=300"};
    Harness h(options);
    RawConnection first(h.proxy.port());
    sendChat(first, userBody("MOCK:hang"));
    REQUIRE(h.mock.waitForRequestCount(1));

    const auto rejected = h.chat(userBody("hi"));
    CHECK(rejected.status == 429);
    CHECK(rejected.header("retry-after") == "1");
    CHECK(stringAt(parseJson(rejected.body), "/error/code") == "concurrency_limit_reached");
    CHECK(h.mock.requests().size() == 1);

    // The slot comes back when the first request ends, whatever ended it.
    first.abort();
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    CHECK(replyText(h.chat(userBody("hi"))) == "Hello from mock");
}

TEST_CASE("requests over the limit wait for a slot and then run") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--queue-timeout-ms=60000"};
    Harness h(options);
    RawConnection first(h.proxy.port());
    RawConnection second(h.proxy.port());
    sendChat(first, userBody("MOCK:slow=300 MOCK:deltas=3"));
    REQUIRE(h.mock.waitForRequestCount(1));
    sendChat(second, userBody(replyMarker("second")));
    CHECK(first.readUntil("tok3", kBound * 4));
    CHECK(second.readUntil("second", kBound * 4));
    // Never two CLIs at once: the mock saw the second request only after the first finished.
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].finished);
}

TEST_CASE("no descriptors or processes leak across many requests") {
    Harness h;
    // Idle, the server holds its standard streams, its listening socket and what its first
    // request set up once (Poco's poll set). A connection's socket may linger a moment after
    // the client closed it, so the baseline is taken once only the listening socket is left,
    // and every comparison waits (bounded) for the count to settle back.
    REQUIRE(h.chat(userBody("hi")).status == 200);
    REQUIRE(waitUntil([&] { return socketCount(h.proxy.pid()) == 1; }, kBound));
    const int idle = openFdCount(h.proxy.pid());
    REQUIRE(idle > 0);
    const auto backToIdle = [&] {
        return waitUntil([&] { return openFdCount(h.proxy.pid()) == idle; }, kBound);
    };
    for (int i = 0; i < 6; ++i) {
        const auto body = i % 2 == 0 ? userBody("hi") : userBody("MOCK:status=500");
        h.chat(body);
    }
    CHECK(backToIdle());
    RawConnection dropped(h.proxy.port());
    sendChat(dropped, userBody("MOCK:hang"));
    REQUIRE(h.mock.waitForRequests([](const auto& r) { return r.size() == 8; }));
    dropped.abort();
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    CHECK(backToIdle());
    INFO("descriptors now " << openFdCount(h.proxy.pid()) << ", idle " << idle);
    CHECK(openFdCount(h.proxy.pid()) == idle);
}

TEST_CASE("private run directories are removed after each run") {
    Harness h;
    const std::string tmp = h.proxy.home().path() + "/tmp";
    REQUIRE(h.chat(userBody("hi")).status == 200);
    REQUIRE(h.chat(userBody("MOCK:status=500")).status == 502);
    std::size_t leftovers = 0;
    for (const auto& entry : std::filesystem::directory_iterator(tmp)) {
        if (entry.path().filename().string().rfind("claude-proxy-run-", 0) == 0) {
            ++leftovers;
        }
    }
    CHECK(leftovers == 0);
}

TEST_CASE("SIGTERM during a request ends the CLI after the grace period and the server exits 0") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--shutdown-grace-ms=500"};
    Harness h(options);
    RawConnection client(h.proxy.port());
    sendChat(client, userBody("MOCK:hang"));
    REQUIRE(h.mock.waitForRequestCount(1));
    const auto cliPid = test_support::childrenOf(h.proxy.pid()).at(0);
    REQUIRE(h.proxy.sendSignal(SIGTERM));
    const auto status = h.proxy.waitForExit(kBound);
    REQUIRE(status);
    INFO("exit: " << status->describe() << "\noutput:\n" << h.proxy.output());
    CHECK(status->exitedWith(0));
    CHECK(waitUntil([&] { return !test_support::isAlive(cliPid); }, kBound));
    // The client got an answer, not a dropped connection.
    client.readToEnd(kBound);
    const auto response = test_support::parseHttpResponse(client.received(), true);
    REQUIRE(response);
    CHECK(response->status == 503);
    CHECK(stringAt(parseJson(response->body), "/error/code") == "server_shutting_down");
}

TEST_CASE("a CLI descendant that escapes the process group neither outlives nor delays the run") {
    // The pinned CLI behind a wrapper that first starts a process in a session of its own,
    // holding the CLI's stdout, as a misbehaving tool or plugin of the CLI could.
    test_support::ScratchDir dir;
    const std::string pidFile = dir.path() + "/escaped.pid";
    const std::string wrapper = dir.writeFile(
        "claude-wrapper", "#!/bin/sh\nsetsid sleep 300 &\necho $! >> '" + pidFile + "'\nexec '" +
                              test_support::requireClaudeCli() + "' \"$@\"\n");
    ::chmod(wrapper.c_str(), 0755);
    test_support::ProxyOptions options;
    options.cliPath = wrapper;
    // Waiting for the descendant (the old behaviour) would take this long per run.
    options.extraArgs = {"--kill-grace-ms=60000"};
    Harness h(options);
    const auto response = h.chat(userBody("hi"), {}, std::chrono::seconds(20));
    CHECK(response.status == 200);
    CHECK(replyText(response) == "Hello from mock");

    std::ifstream pids(pidFile);
    std::vector<pid_t> escaped;
    for (long pid = 0; pids >> pid;) {
        escaped.push_back(static_cast<pid_t>(pid));
    }
    REQUIRE(escaped.size() >= 2);  // the --version probe at start-up, then the chat
    for (const pid_t pid : escaped) {
        CAPTURE(pid);
        CHECK(waitUntil([&] { return !test_support::isAlive(pid); }, kBound));
    }
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}
