// The mock's reply planning and Anthropic event rendering.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "anthropic_events.hpp"
#include "reply_plan.hpp"
#include "support/json_helpers.hpp"

using namespace mock_anthropic;
namespace support = claude_proxy::test_support;

namespace {

MessagesRequest requestWith(const std::string& userText) {
    MessagesRequest request;
    request.model = "claude-sonnet-5-5";
    request.stream = true;
    request.systemTexts = {"billing", "You are a Claude agent", "SYS"};
    request.messages = {{"user", userText, {"text"}, {}}};
    request.lastUserText = userText;
    return request;
}

std::vector<std::string> types(const std::vector<SseEvent>& events) {
    std::vector<std::string> names;
    for (const SseEvent& event : events) {
        names.push_back(event.type);
    }
    return names;
}

std::string streamedText(const std::vector<SseEvent>& events) {
    std::string text;
    for (const SseEvent& event : events) {
        if (event.type != "content_block_delta") {
            continue;
        }
        const auto data = support::parseJson(event.data);
        if (support::stringAt(data, "/delta/type") == "text_delta") {
            text += support::stringAt(data, "/delta/text");
        }
    }
    return text;
}

}  // namespace

TEST_CASE("mock events: the default reply is the real Anthropic sequence") {
    const auto request = requestWith("hi");
    const ReplyPlan plan = planReply(request, parseScenario("hi"), 400, 7);
    const auto events = streamEvents(plan);
    CHECK(types(events) == std::vector<std::string>{"message_start", "content_block_start",
                                                    "content_block_delta", "content_block_delta",
                                                    "content_block_delta", "content_block_stop",
                                                    "message_delta", "message_stop"});
    CHECK(streamedText(events) == "Hello from mock");

    const auto start = support::parseJson(events.front().data);
    CHECK(support::stringAt(start, "/message/id") == "msg_mock_7");
    CHECK(support::stringAt(start, "/message/model") == "claude-sonnet-5-5");
    CHECK(support::intAt(start, "/message/usage/input_tokens") == 100);
    CHECK(support::intAt(start, "/message/usage/cache_read_input_tokens") == 0);
    CHECK(support::intAt(start, "/message/usage/cache_creation_input_tokens") == 0);

    const auto delta = support::parseJson(events[6].data);
    CHECK(support::stringAt(delta, "/delta/stop_reason") == "end_turn");
    CHECK(support::intAt(delta, "/usage/output_tokens") == 3);
}

TEST_CASE("mock events: deltas, stop reason, model and cache tokens from markers") {
    const char* text = "MOCK:deltas=4 MOCK:stop=max_tokens MOCK:model=claude-m MOCK:cache-read=9";
    const auto events = streamEvents(planReply(requestWith(text), parseScenario(text), 40, 1));
    CHECK(streamedText(events) == "tok1 tok2 tok3 tok4");
    const auto start = support::parseJson(events.front().data);
    CHECK(support::stringAt(start, "/message/model") == "claude-m");
    CHECK(support::intAt(start, "/message/usage/cache_read_input_tokens") == 9);
    const auto delta = support::parseJson(events[events.size() - 2].data);
    CHECK(support::stringAt(delta, "/delta/stop_reason") == "max_tokens");
    CHECK(support::intAt(delta, "/usage/output_tokens") == 4);
}

TEST_CASE("mock events: echo describes the request") {
    const auto request = requestWith("MOCK:echo");
    const auto plan = planReply(request, parseScenario("MOCK:echo"), 10, 1);
    const auto echo = support::parseJson(streamedText(streamEvents(plan)));
    CHECK(support::stringAt(echo, "/system") == "billing\n---\nYou are a Claude agent\n---\nSYS");
    CHECK(support::stringAt(echo, "/messages/0/role") == "user");
    CHECK(support::stringAt(echo, "/messages/0/text") == "MOCK:echo");
    CHECK(support::stringAt(echo, "/model") == "claude-sonnet-5-5");
    CHECK(support::boolAt(echo, "/stream"));
}

TEST_CASE("mock events: thinking and tool_use blocks") {
    const char* text = "MOCK:thinking MOCK:tool_use=get_weather";
    const auto plan = planReply(requestWith(text), parseScenario(text), 10, 3);
    const auto events = streamEvents(plan);
    const auto thinkingStart = support::parseJson(events[1].data);
    CHECK(support::stringAt(thinkingStart, "/content_block/type") == "thinking");
    CHECK(support::stringAt(support::parseJson(events[4].data), "/delta/type") ==
          "signature_delta");
    const auto toolStart = support::parseJson(events[6].data);
    CHECK(support::stringAt(toolStart, "/content_block/type") == "tool_use");
    CHECK(support::stringAt(toolStart, "/content_block/name") == "get_weather");
    CHECK(support::stringAt(toolStart, "/content_block/id") == "toolu_mock_3");

    const auto message = support::parseJson(messageJson(plan));
    CHECK(support::stringAt(message, "/stop_reason") == "tool_use");
    CHECK(support::stringAt(message, "/content/0/thinking") == "Let me think about this.");
    CHECK(support::intAt(message, "/content/1/input/x") == 1);
    CHECK(support::intAt(message, "/usage/output_tokens") == 5);
}

TEST_CASE("mock events: a mid-stream error cuts the stream after half the deltas") {
    const char* text = "MOCK:deltas=6 MOCK:midstream-error";
    const auto events =
        withMidstreamError(streamEvents(planReply(requestWith(text), parseScenario(text), 1, 1)));
    CHECK(types(events) == std::vector<std::string>{"message_start", "content_block_start",
                                                    "content_block_delta", "content_block_delta",
                                                    "content_block_delta", "error"});
    CHECK(support::stringAt(support::parseJson(events.back().data), "/error/type") ==
          "overloaded_error");
}

TEST_CASE("mock events: error bodies per status") {
    CHECK(errorTypeForStatus(401) == "authentication_error");
    CHECK(errorTypeForStatus(403) == "permission_error");
    CHECK(errorTypeForStatus(404) == "not_found_error");
    CHECK(errorTypeForStatus(400) == "invalid_request_error");
    CHECK(errorTypeForStatus(413) == "request_too_large");
    CHECK(errorTypeForStatus(429) == "rate_limit_error");
    CHECK(errorTypeForStatus(500) == "api_error");
    CHECK(errorTypeForStatus(529) == "overloaded_error");
    CHECK(errorTypeForStatus(503) == "api_error");
    CHECK(
        statusErrorJson(429) ==
        R"json({"type":"error","error":{"type":"rate_limit_error","message":"mock rate_limit_error (429)"}})json");
}
