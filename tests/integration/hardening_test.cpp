// Attacks and overload from the outside review (issue 8): request desync, web pages using the
// proxy, slow clients and queues starving /health, unbounded queues.
#include <doctest/doctest.h>
#include <signal.h>

#include <memory>
#include <thread>

#include <Poco/String.h>

#include "harness.hpp"
#include "support/process_census.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseHttpResponse;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::RawConnection;
using claude_proxy::test_support::request;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(15);
// Generous bound for "answers at all": the health checks below must not wait behind work.
constexpr auto kHealthBound = std::chrono::milliseconds(5000);

std::size_t count(const std::string& text, std::string_view needle) {
    std::size_t found = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
        ++found;
    }
    return found;
}

std::string chatHead(std::size_t length, const std::string& extra = "") {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\n" +
           extra + "Content-Length: " + std::to_string(length) + "\r\n\r\n";
}

std::string errorCode(const HttpResponse& response) {
    INFO("body: " << response.body);
    return stringAt(parseJson(response.body), "/error/code");
}

}  // namespace

TEST_CASE("desync: the body of a request answered without reading it is never a request") {
    Harness h;
    // The body of each is a complete request of its own: served as one, it would answer with
    // the model list.
    const std::string smuggled = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    for (const std::string& first :
         {"POST /v1/unknown HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
              std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled,
          "DELETE /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
              std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled,
          "PUT /health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" +
              test_support::chunkedBody({smuggled})}) {
        CAPTURE(first.substr(0, 20));
        RawConnection raw(h.proxy.port());
        raw.send(first);
        raw.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        raw.readToEnd(kBound);
        const std::string& all = raw.received();
        CHECK((all.find("HTTP/1.1 404") == 0 || all.find("HTTP/1.1 405") == 0));
        // Either the connection closed after the error, or the next answer is the health
        // check: never the model list the body asked for.
        const std::size_t answers = count(all, "HTTP/1.1 ");
        CHECK((answers == 1 || answers == 2));
        if (answers == 2) {
            CHECK(all.find("\"status\":\"ok\"") != std::string::npos);
        }
        CHECK(all.find("\"object\":\"list\"") == std::string::npos);
    }
}

TEST_CASE("desync: a large unread body closes the connection instead of being drained") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--api-keys=sk-test-1"};
    Harness h(options);
    const std::string body(200 * 1024, 'x');
    RawConnection raw(h.proxy.port());
    // Rejected before the body is read: 401 with Connection: close.
    raw.send(chatHead(body.size()));
    raw.readToEnd(kBound);
    const auto response = parseHttpResponse(raw.received(), true);
    REQUIRE(response);
    CHECK(response->status == 401);
    REQUIRE(response->header("connection"));
    CHECK(Poco::toLower(*response->header("connection")) == "close");
    CHECK(raw.peerClosed());
    CHECK(count(raw.received(), "HTTP/1.1 ") == 1);
}

TEST_CASE("pipelined requests are answered in order on one connection") {
    Harness h;
    RawConnection raw(h.proxy.port());
    raw.send(
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        "GET /v1/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    raw.readToEnd(kBound);
    const std::string& all = raw.received();
    REQUIRE(count(all, "HTTP/1.1 ") == 3);
    CHECK(all.find("\"status\":\"ok\"") < all.find("\"object\":\"list\""));
    CHECK(all.find("\"object\":\"list\"") < all.find("unknown_route"));
}

TEST_CASE("smuggling framings are refused with 400 and the connection closed") {
    Harness h;
    for (const std::string& head :
         {std::string("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 2\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
          std::string("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 2\r\n"
                      "Content-Length: 20\r\n\r\n{}")}) {
        RawConnection raw(h.proxy.port());
        raw.send(head);
        raw.readToEnd(kBound);
        const auto response = parseHttpResponse(raw.received(), true);
        REQUIRE(response);
        CHECK(response->status == 400);
        CHECK(errorCode(*response) == "malformed_http");
        CHECK(raw.peerClosed());
    }
    CHECK(h.mock.requests().empty());
}

TEST_CASE("CSRF: a cross-site POST that is not JSON never runs the CLI") {
    Harness h;
    // What an HTML form or a no-preflight fetch() can send from any web page.
    for (const char* type :
         {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b"}) {
        const auto response = request(h.proxy.port(), "POST", "/v1/chat/completions",
                                      userBody("hi"), {{"Content-Type", type}});
        CAPTURE(type);
        CHECK(response.status == 415);
        CHECK(errorCode(response) == "unsupported_media_type");
    }
    // The same with the page's Origin: refused for the origin first.
    const auto fromPage =
        request(h.proxy.port(), "POST", "/v1/chat/completions", userBody("hi"),
                {{"Content-Type", "text/plain"}, {"Origin", "https://evil.example"}});
    CHECK(fromPage.status == 403);
    CHECK(errorCode(fromPage) == "origin_not_allowed");
    const auto jsonFromPage = h.chat(userBody("hi"), {{"Origin", "https://evil.example"}});
    CHECK(jsonFromPage.status == 403);
    CHECK(h.mock.requests().empty());
    // An ordinary client is served.
    CHECK(h.chat(userBody("hi")).status == 200);
}

TEST_CASE("DNS rebinding: a foreign Host is refused without keys, allowed-hosts admits a name") {
    Harness h;
    const auto rebound = get(h.proxy.port(), "/v1/models", {{"Host", "attacker.example:8088"}});
    CHECK(rebound.status == 403);
    CHECK(errorCode(rebound) == "host_not_allowed");
    const auto chat = h.chat(userBody("hi"), {{"Host", "attacker.example"}});
    CHECK(chat.status == 403);
    CHECK(h.mock.requests().empty());
    // /health stays open to probes that name the machine any way they like.
    CHECK(get(h.proxy.port(), "/health", {{"Host", "claude-proxy.default.svc"}}).status == 200);

    test_support::ProxyOptions options;
    options.extraArgs = {"--allowed-hosts=proxy.internal"};
    Harness named(options);
    CHECK(get(named.proxy.port(), "/v1/models", {{"Host", "proxy.internal:8088"}}).status == 200);
    CHECK(get(named.proxy.port(), "/v1/models", {{"Host", "other.internal"}}).status == 403);
}

TEST_CASE("slow clients: trickled heads hold no worker, and the read deadline ends them") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--server-threads=4", "--request-read-timeout-ms=2000"};
    Harness h(options);
    // Many more slow clients than workers, each with a head that never completes.
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 40; ++i) {
        slow.push_back(std::make_unique<RawConnection>(h.proxy.port()));
        slow.back()->send("GET /v1/models HTTP/1.1\r\nHo");
    }
    CHECK(get(h.proxy.port(), "/health", {}, kHealthBound).status == 200);
    CHECK(get(h.proxy.port(), "/v1/models", {}, kHealthBound).status == 200);
    // Each one is answered 408 and closed once its deadline passes, however it trickles.
    for (auto& connection : slow) {
        connection->send("s");
    }
    for (auto& connection : slow) {
        connection->readToEnd(kBound);
        CHECK(connection->peerClosed());
        CHECK(connection->received().find("HTTP/1.1 408") == 0);
    }
}

TEST_CASE("slow clients: a body that trickles past the deadline is 408, not a held worker") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--request-read-timeout-ms=1500"};
    Harness h(options);
    const std::string body = userBody("hi");
    RawConnection raw(h.proxy.port());
    raw.send(chatHead(body.size()));
    // A byte now and then: every single read succeeds, the request as a whole is too slow.
    for (std::size_t i = 0; i < 6 && !raw.peerClosed(); ++i) {
        raw.send(body.substr(i, 1));
        raw.readSome(std::chrono::milliseconds(400));
    }
    raw.readToEnd(kBound);
    const auto response = parseHttpResponse(raw.received(), true);
    REQUIRE(response);
    CHECK(response->status == 408);
    CHECK(h.mock.requests().empty());
}

TEST_CASE("a head larger than the limit is 431") {
    Harness h;
    RawConnection raw(h.proxy.port());
    raw.send("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(40000, 'a'));
    raw.readToEnd(kBound);
    CHECK(raw.received().find("HTTP/1.1 431") == 0);
    CHECK(raw.peerClosed());
}

TEST_CASE("connections per client are capped: past the cap a new one is 429 and closed") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-connections-per-client=3"};
    Harness h(options);
    std::vector<std::unique_ptr<RawConnection>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(std::make_unique<RawConnection>(h.proxy.port()));
    }
    RawConnection extra(h.proxy.port());
    extra.readToEnd(kBound);
    CHECK(extra.received().find("HTTP/1.1 429") == 0);
    CHECK(extra.received().find("too_many_connections") != std::string::npos);
    open.clear();
    CHECK(waitUntil(
        [&] {
            try {
                return get(h.proxy.port(), "/health").status == 200;
            } catch (...) {
                return false;
            }
        },
        kBound));
}

TEST_CASE(
    "the admission queue is bounded and /health answers while every slot and worker is busy") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--max-queue=2", "--server-threads=3",
                         "--queue-timeout-ms=60000"};
    Harness h(options);
    const std::string hang = userBody("MOCK:hang");
    std::vector<std::unique_ptr<RawConnection>> busy;
    for (int i = 0; i < 3; ++i) {  // one runs, two wait: every API worker is taken
        busy.push_back(std::make_unique<RawConnection>(h.proxy.port()));
        busy.back()->send(chatHead(hang.size()) + hang);
    }
    REQUIRE(h.mock.waitForRequestCount(1));
    REQUIRE(waitUntil(
        [&] {
            return stringAt(parseJson(get(h.proxy.port(), "/health").body), "/status") == "ok" &&
                   parseJson(get(h.proxy.port(), "/health").body)["queued"].GetUint() == 2;
        },
        kBound));
    CHECK(get(h.proxy.port(), "/health", {}, kHealthBound).status == 200);
    CHECK(get(h.proxy.port(), "/metrics", {}, kHealthBound).status == 200);
    CHECK(get(h.proxy.port(), "/ready", {}, kHealthBound).status == 503);  // the queue is full
    busy.clear();
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

TEST_CASE("past the queue bound a request is 429 at once with Retry-After") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--max-queue=1", "--queue-timeout-ms=60000"};
    Harness h(options);
    const std::string hang = userBody("MOCK:hang");
    RawConnection running(h.proxy.port());
    running.send(chatHead(hang.size()) + hang);
    REQUIRE(h.mock.waitForRequestCount(1));
    RawConnection waiting(h.proxy.port());
    waiting.send(chatHead(hang.size()) + hang);
    REQUIRE(waitUntil(
        [&] { return parseJson(get(h.proxy.port(), "/health").body)["queued"].GetUint() == 1; },
        kBound));
    const auto refused = h.chat(userBody("hi"), {}, kHealthBound);
    CHECK(refused.status == 429);
    CHECK(errorCode(refused) == "concurrency_limit_reached");
    CHECK(refused.header("retry-after") == "1");
}

// Found by the load-and-fault run (tests/soak): a queued request whose client had gone kept
// its place in the queue until a slot came free, and live requests got an immediate 429.
TEST_CASE("a queued request whose client hung up gives its queue place back, no CLI run") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--max-queue=1", "--queue-timeout-ms=60000"};
    Harness h(options);
    const auto queued = [&] {
        return parseJson(get(h.proxy.port(), "/health").body)["queued"].GetUint();
    };
    const std::string hang = userBody("MOCK:hang");
    RawConnection running(h.proxy.port());
    running.send(chatHead(hang.size()) + hang);
    REQUIRE(h.mock.waitForRequestCount(1));
    {
        RawConnection leaving(h.proxy.port());
        const std::string gone = userBody("nobody waits for this");
        leaving.send(chatHead(gone.size()) + gone);
        REQUIRE(waitUntil([&] { return queued() == 1; }, kBound));
        leaving.abort();
    }
    // The place is given back while the slot is still taken.
    CHECK(waitUntil([&] { return queued() == 0; }, kBound));
    // So the next request waits for the slot instead of being refused ...
    RawConnection next(h.proxy.port());
    const std::string hi = userBody("hi");
    next.send(chatHead(hi.size()) + hi);
    REQUIRE(waitUntil([&] { return queued() == 1; }, kBound));
    CHECK(next.readSome(std::chrono::milliseconds(300)).empty());
    // ... and runs once it is free. The request that was left never reached the upstream.
    running.abort();
    next.readToEnd(kBound);
    const auto answer = parseHttpResponse(next.received(), true);
    REQUIRE(answer);
    CHECK(answer->status == 200);
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].body.find("nobody waits") == std::string::npos);
}

TEST_CASE("shutdown does not wait behind queued requests: they get 503 at once") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--queue-timeout-ms=60000",
                         "--shutdown-grace-ms=60000"};
    Harness h(options);
    const std::string slow = userBody("MOCK:deltas=4 MOCK:slow=700");
    RawConnection running(h.proxy.port());
    running.send(chatHead(slow.size()) + slow);
    REQUIRE(h.mock.waitForRequestCount(1));
    RawConnection queued(h.proxy.port());
    const std::string hi = userBody("hi");
    queued.send(chatHead(hi.size()) + hi);
    REQUIRE(waitUntil(
        [&] { return parseJson(get(h.proxy.port(), "/health").body)["queued"].GetUint() == 1; },
        kBound));
    REQUIRE(h.proxy.sendSignal(SIGTERM));
    queued.readToEnd(kBound);
    const auto refused = parseHttpResponse(queued.received(), true);
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(errorCode(*refused) == "server_shutting_down");
    // The run in flight still finishes within the grace period.
    running.readToEnd(kBound);
    const auto finished = parseHttpResponse(running.received(), true);
    REQUIRE(finished);
    CHECK(finished->status == 200);
    const auto exit = h.proxy.waitForExit(kBound);
    REQUIRE(exit);
    CHECK(exit->exitedWith(0));
    CHECK(h.mock.requests().size() == 1);
}
