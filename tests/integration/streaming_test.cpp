// "stream": true through the real CLI: chunk shape and order, incremental delivery, keep-alive,
// in-band errors, and a disconnecting client.
#include <doctest/doctest.h>

#include <memory>

#include "harness.hpp"
#include "support/process_census.hpp"
#include "support/sse_events.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::parseSseEvents;
using claude_proxy::test_support::StreamingRequest;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(20);
const std::string kStream = R"("stream":true)";
const std::string kStreamWithUsage = R"("stream":true,"stream_options":{"include_usage":true})";

std::vector<rapidjson::Document> dataEvents(const std::string& body, bool& sawDone) {
    std::vector<rapidjson::Document> events;
    sawDone = false;
    for (const auto& event : parseSseEvents(body)) {
        REQUIRE_FALSE(sawDone);  // nothing after [DONE]
        if (event.data == "[DONE]") {
            sawDone = true;
        } else {
            events.push_back(parseJson(event.data));
        }
    }
    return events;
}

std::string streamedText(const std::vector<rapidjson::Document>& events) {
    std::string text;
    for (const auto& event : events) {
        if (event.HasMember("choices") && !event["choices"].Empty()) {
            const auto& delta = event["choices"][0]["delta"];
            if (delta.HasMember("content") && delta["content"].IsString()) {
                text += delta["content"].GetString();
            }
        }
    }
    return text;
}

// Opens a streaming chat request and reads it up to the first line containing `needle`.
std::unique_ptr<StreamingRequest> streamUntil(const Harness& h, const std::string& body,
                                              const std::string& needle) {
    auto stream = std::make_unique<StreamingRequest>(
        h.proxy.port(), "POST", "/v1/chat/completions", body,
        test_support::HeaderList{{"Content-Type", "application/json"}});
    REQUIRE(stream->status() == 200);
    for (;;) {
        const auto line = stream->nextLine();
        REQUIRE(line);
        if (line->find(needle) != std::string::npos) {
            return stream;
        }
    }
}

}  // namespace

TEST_CASE("a stream has the shape strict OpenAI clients expect") {
    Harness h;
    const auto response = h.chat(userBody("MOCK:deltas=4", kStreamWithUsage));
    REQUIRE(response.status == 200);
    CHECK(response.header("content-type").value_or("").find("text/event-stream") == 0);
    CHECK(response.header("cache-control") == "no-cache");
    CHECK(response.header("x-accel-buffering") == "no");

    bool sawDone = false;
    const auto events = dataEvents(response.body, sawDone);
    CHECK(sawDone);
    REQUIRE(events.size() == 1 + 4 + 1 + 1);  // role, 4 deltas, finish, usage

    const std::string id = stringAt(events[0], "/id");
    for (const auto& event : events) {
        CHECK(stringAt(event, "/object") == "chat.completion.chunk");
        CHECK(stringAt(event, "/id") == id);
        CHECK(event["created"].GetInt64() == events[0]["created"].GetInt64());
        CHECK(stringAt(event, "/model") == "claude-sonnet-5-5");
    }
    CHECK(stringAt(events[0], "/choices/0/delta/role") == "assistant");
    CHECK(streamedText(events) == "tok1 tok2 tok3 tok4");
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(events[i]["choices"][0]["finish_reason"].IsNull());
    }
    const auto& finish = events[5];
    CHECK(stringAt(finish, "/choices/0/finish_reason") == "stop");
    CHECK(finish["choices"][0]["delta"].ObjectEmpty());
    const auto& usage = events[6];
    CHECK(usage["choices"].Empty());
    CHECK(usage["usage"]["completion_tokens"].GetInt64() == 4);
    CHECK(usage["usage"]["prompt_tokens"].GetInt64() > 0);
}

TEST_CASE("usage in a stream matches the non-streaming accounting") {
    Harness h;
    const std::string prompt = "MOCK:cache-read=77 " + replyMarker("same");
    const auto plain = parseJson(h.chat(userBody(prompt)).body);
    bool sawDone = false;
    const auto events = dataEvents(h.chat(userBody(prompt, kStreamWithUsage)).body, sawDone);
    REQUIRE(!events.empty());
    const auto& usage = events.back()["usage"];
    CHECK(usage["prompt_tokens"].GetInt64() == plain["usage"]["prompt_tokens"].GetInt64());
    CHECK(usage["completion_tokens"].GetInt64() == plain["usage"]["completion_tokens"].GetInt64());
    CHECK(usage["prompt_tokens_details"]["cached_tokens"].GetInt64() == 77);
}

TEST_CASE("without include_usage no usage chunk is sent") {
    Harness h;
    bool sawDone = false;
    const auto events = dataEvents(h.chat(userBody("hi", kStream)).body, sawDone);
    CHECK(sawDone);
    for (const auto& event : events) {
        CHECK_FALSE(event.HasMember("usage"));
        CHECK(event["choices"].Size() == 1);
    }
}

TEST_CASE("chunks arrive as the model produces them, not at the end") {
    Harness h;
    // Read up to the first content chunk.
    const auto stream =
        streamUntil(h, userBody("MOCK:slow=400 MOCK:deltas=6", kStream), "\"content\":\"tok1\"");
    // The mock is still producing the rest: the first chunk was not held back.
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 1);
    CHECK_FALSE(requests[0].finished);
    const auto rest = stream->readRest();
    CHECK(rest.find("tok6") != std::string::npos);
    CHECK(rest.find("data: [DONE]") != std::string::npos);
}

TEST_CASE("multi-byte UTF-8 arrives intact across deltas") {
    Harness h;
    const std::string text =
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac \xd0\xaf";
    bool sawDone = false;
    const auto events = dataEvents(h.chat(userBody(replyMarker(text), kStream)).body, sawDone);
    CHECK(streamedText(events) == text);
    CHECK(events.size() > 4);  // really split into several deltas
}

TEST_CASE("silence is filled with keep-alive comments") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--keepalive-interval-ms=200"};
    Harness h(options);
    const auto response = h.chat(userBody("MOCK:delay-first=1500", kStream));
    REQUIRE(response.status == 200);
    const auto firstKeepAlive = response.body.find(": keep-alive");
    const auto firstContent = response.body.find("\"content\":\"Hello\"");
    REQUIRE(firstKeepAlive != std::string::npos);
    REQUIRE(firstContent != std::string::npos);
    CHECK(firstKeepAlive < firstContent);
    bool sawDone = false;
    CHECK(streamedText(dataEvents(response.body, sawDone)) == "Hello from mock");
    CHECK(sawDone);
}

TEST_CASE("an error before the first byte is a normal HTTP error") {
    Harness h;
    const auto response = h.chat(userBody("MOCK:status=429", kStream));
    CHECK(response.status == 429);
    CHECK(response.header("content-type").value_or("").find("application/json") == 0);
    CHECK(stringAt(parseJson(response.body), "/error/code") == "rate_limit_exceeded");
}

TEST_CASE("an error after the stream started is sent in-band, then [DONE]") {
    Harness h;
    const auto response = h.chat(userBody("MOCK:deltas=6 MOCK:midstream-error", kStream));
    REQUIRE(response.status == 200);
    bool sawDone = false;
    const auto events = dataEvents(response.body, sawDone);
    CHECK(sawDone);
    REQUIRE(events.size() >= 2);
    const auto& last = events.back();
    REQUIRE(last.HasMember("error"));
    CHECK(last["error"]["message"].IsString());
    CHECK(last["error"]["type"].IsString());
    // Never a silent stop, never the text twice.
    for (const auto& event : events) {
        if (event.HasMember("choices") && !event["choices"].Empty()) {
            CHECK(event["choices"][0]["finish_reason"].IsNull());
        }
    }
    CHECK(streamedText(events) == "tok1 tok2 tok3");
    // The CLI did not fall back to a second, non-streamed answer.
    for (const auto& request : h.mock.requests()) {
        CHECK(request.stream);
    }
}

TEST_CASE("a timeout after the stream started is reported in-band") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--request-timeout-ms=2000", "--kill-grace-ms=300"};
    Harness h(options);
    const auto response = h.chat(userBody("MOCK:deltas=50 MOCK:slow=200", kStream));
    REQUIRE(response.status == 200);
    bool sawDone = false;
    const auto events = dataEvents(response.body, sawDone);
    CHECK(sawDone);
    REQUIRE(!events.empty());
    CHECK(stringAt(events.back(), "/error/code") == "timeout");
    CHECK(h.cliProcesses() == 0);
}

TEST_CASE("a client that disconnects mid-stream ends the CLI at once") {
    Harness h;
    const auto stream = streamUntil(h, userBody("MOCK:deltas=100 MOCK:slow=500", kStream), "tok1");
    REQUIRE(h.cliProcesses() == 1);
    stream->abort();
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    CHECK(h.mock.waitForRequests(
        [](const auto& requests) { return requests.at(0).clientClosedEarly; }, kBound));
    CHECK(h.proxy.waitForOutput("status=499"));
}
