// The mock-anthropic server over HTTP, without the CLI.
#include <doctest/doctest.h>
#include <signal.h>

#include "support/http_client.hpp"
#include "support/json_helpers.hpp"
#include "support/mock_anthropic.hpp"
#include "support/sse_events.hpp"

namespace support = claude_proxy::test_support;
using namespace std::chrono_literals;

namespace {

std::string messagesBody(const std::string& prompt, bool stream) {
    return R"({"model":"claude-sonnet-5-5","max_tokens":100,"stream":)" +
           std::string(stream ? "true" : "false") + R"(,"messages":[{"role":"user","content":)" +
           support::toJson(rapidjson::Value(rapidjson::StringRef(prompt.c_str()))) + "}]}";
}

std::string textOf(const std::vector<support::SseEvent>& events) {
    std::string text;
    for (const auto& event : events) {
        if (event.event == "content_block_delta") {
            const auto data = support::parseJson(event.data);
            if (support::stringAt(data, "/delta/type") == "text_delta") {
                text += support::stringAt(data, "/delta/text");
            }
        }
    }
    return text;
}

std::string rawMessagesRequest(const std::string& prompt) {
    const std::string body = messagesBody(prompt, true);
    return "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("mock server: streams the default reply and logs the request") {
    const support::MockAnthropic mock;
    const auto response = support::postJson(mock.port(), "/v1/messages?beta=true",
                                            messagesBody("hi", true), {{"x-api-key", "sk-dummy"}});
    CHECK(response.status == 200);
    CHECK(response.header("content-type")->find("text/event-stream") == 0);
    const auto events = support::parseSseEvents(response.body);
    REQUIRE(events.size() == 8);
    CHECK(events.front().event == "message_start");
    CHECK(events.back().event == "message_stop");
    CHECK(textOf(events) == "Hello from mock");

    const auto requests = mock.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].path == "/v1/messages?beta=true");
    CHECK(requests[0].model == "claude-sonnet-5-5");
    CHECK(requests[0].stream);
    CHECK(requests[0].scenario == "default");
    CHECK(requests[0].bodyBytes == messagesBody("hi", true).size());
    CHECK(requests[0].body == messagesBody("hi", true));
    CHECK(requests[0].headers.at("x-api-key") == "sk-dummy");
    CHECK(requests[0].finished);
    CHECK(requests[0].status == 200);
    CHECK_FALSE(requests[0].clientClosedEarly);

    mock.clearRequests();
    CHECK(mock.requests().empty());
}

TEST_CASE("mock server: reply64, non-streaming, and error statuses") {
    const support::MockAnthropic mock;
    const std::string text =
        "Gr\xC3\xBC\xC3\x9F"
        "e \xF0\x9F\x98\x82 \"quoted\"\nnext line";
    const auto streamed = support::postJson(mock.port(), "/v1/messages",
                                            messagesBody(support::replyMarker(text), true));
    const auto events = support::parseSseEvents(streamed.body);
    CHECK(textOf(events) == text);
    CHECK(events.size() > 10);  // 1 to 3 code points per delta

    const auto plain = support::postJson(mock.port(), "/v1/messages",
                                         messagesBody(support::replyMarker(text), false));
    CHECK(plain.status == 200);
    const auto message = support::parseJson(plain.body);
    CHECK(support::stringAt(message, "/content/0/text") == text);
    CHECK(support::stringAt(message, "/stop_reason") == "end_turn");

    const auto limited =
        support::postJson(mock.port(), "/v1/messages",
                          messagesBody("MOCK:status=429 MOCK:retry-after=7 MOCK:no-retry", true));
    CHECK(limited.status == 429);
    CHECK(limited.header("retry-after") == "7");
    CHECK(limited.header("x-should-retry") == "false");
    CHECK(support::stringAt(support::parseJson(limited.body), "/error/type") == "rate_limit_error");

    const auto overloaded =
        support::postJson(mock.port(), "/v1/messages", messagesBody("MOCK:status=529", false));
    CHECK(overloaded.status == 529);
    CHECK(support::stringAt(support::parseJson(overloaded.body), "/error/message") ==
          "mock overloaded_error (529)");
}

TEST_CASE("mock server: probes, unknown paths and bad bodies") {
    const support::MockAnthropic mock;
    CHECK(support::get(mock.port(), "/").status == 200);
    CHECK(support::request(mock.port(), "HEAD", "/").status == 200);
    const auto missing = support::get(mock.port(), "/nowhere");
    CHECK(missing.status == 404);
    CHECK(support::stringAt(support::parseJson(missing.body), "/error/type") == "not_found_error");
    CHECK(support::postJson(mock.port(), "/v1/models", "{}").status == 404);
    CHECK(support::postJson(mock.port(), "/v1/messages", "{not json").status == 400);
    const auto counted =
        support::postJson(mock.port(), "/v1/messages/count_tokens", messagesBody("hi", false));
    CHECK(support::intAt(support::parseJson(counted.body), "/input_tokens") > 0);
    CHECK(mock.requests().size() == 3);  // everything under /v1/ is logged
}

TEST_CASE("mock server: slow deltas and a delayed first delta arrive incrementally") {
    const support::MockAnthropic mock;
    support::StreamingRequest stream(
        mock.port(), "POST", "/v1/messages",
        messagesBody("MOCK:deltas=3 MOCK:slow=300 MOCK:delay-first=400", true),
        {{"Content-Type", "application/json"}}, 10s);
    CHECK(stream.status() == 200);
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::pair<std::string, std::chrono::milliseconds>> dataLines;
    while (const auto line = stream.nextLine()) {
        if (line->rfind("data: ", 0) == 0) {
            dataLines.emplace_back(*line, std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - started));
        }
    }
    REQUIRE(dataLines.size() == 8);
    // Lower bounds only: the mock may never be early, a busy machine may make it late.
    CHECK(dataLines[1].second - dataLines[0].second >= 350ms);  // silence for delay-first
    CHECK(dataLines[4].second - dataLines[2].second >= 550ms);  // two pauses of 300 ms
}

TEST_CASE("mock server: a client hanging up during a hang or a stall is logged") {
    const support::MockAnthropic mock;
    {
        support::RawConnection hung(mock.port());
        hung.send(rawMessagesRequest("MOCK:hang"));
        REQUIRE(mock.waitForRequestCount(1, 5s));
        CHECK(hung.readSome(200ms).empty());  // no headers
        hung.close();
    }
    {
        support::RawConnection stalled(mock.port());
        stalled.send(rawMessagesRequest("MOCK:stall"));
        REQUIRE(stalled.readUntil("event: message_start", 5s));
        stalled.abort();
    }
    REQUIRE(mock.waitForRequests(
        [](const auto& requests) {
            return requests.size() == 2 && requests[0].finished && requests[1].finished;
        },
        5s));
    const auto requests = mock.requests();
    CHECK(requests[0].scenario == "hang");
    CHECK(requests[0].status == 0);
    CHECK(requests[0].clientClosedEarly);
    CHECK(requests[1].scenario == "stall");
    CHECK(requests[1].status == 200);
    CHECK(requests[1].clientClosedEarly);
}

TEST_CASE("mock server: the log names each request's peer port and filters by body") {
    const support::MockAnthropic mock;
    support::RawConnection first(mock.port());
    support::RawConnection second(mock.port());
    first.send(rawMessagesRequest("[tag one] & more MOCK:hang"));
    second.send(rawMessagesRequest("[tag two] MOCK:hang"));
    REQUIRE(mock.waitForRequestCount(2, 5s));

    const auto one = mock.requests("[tag one] &");
    REQUIRE(one.size() == 1);
    CHECK(one[0].peerPort == first.localPort());
    CHECK_FALSE(one[0].finished);  // still hanging: the connection is open
    const auto two = mock.requests("[tag two]");
    REQUIRE(two.size() == 1);
    CHECK(two[0].peerPort == second.localPort());
    CHECK(first.localPort() != second.localPort());
    CHECK(mock.requests("[tag three]").empty());
    CHECK(mock.requests().size() == 2);

    const auto unreadable = support::get(mock.port(), "/_mock/requests?body_contains=%zz");
    CHECK(unreadable.status == 400);
}

TEST_CASE("mock server: mid-stream error event") {
    const support::MockAnthropic mock;
    const auto response = support::postJson(
        mock.port(), "/v1/messages", messagesBody("MOCK:midstream-error MOCK:deltas=4", true));
    const auto events = support::parseSseEvents(response.body);
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().event == "error");
    CHECK(textOf(events) == "tok1 tok2");
}

TEST_CASE("mock server: SIGTERM stops it promptly even with a request hanging") {
    support::MockAnthropic mock;
    support::RawConnection hung(mock.port());
    hung.send(rawMessagesRequest("MOCK:hang"));
    REQUIRE(mock.waitForRequestCount(1, 5s));
    const auto started = std::chrono::steady_clock::now();
    CHECK(mock.process().sendSignal(SIGTERM));
    const auto status = mock.process().waitForExit(5s);
    REQUIRE(status.has_value());
    CHECK(status->exitedWith(0));
    CHECK(std::chrono::steady_clock::now() - started < 2s);
}
