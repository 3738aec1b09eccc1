#include "streaming/response_event_renderer.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "openai/responses_request.hpp"
#include "recording_support.hpp"
#include "streaming/line_splitter.hpp"
#include "streaming/stream_translator.hpp"

namespace claude_proxy::streaming {
namespace {

openai::ResponsesRequest sampleRequest() {
    openai::ResponsesRequest request;
    request.chat.requestedModel = "sonnet";
    request.instructions = "Be brief.";
    request.chat.tools.tools.push_back({"get_weather", "Weather", R"({"type":"object"})"});
    return request;
}

struct Event {
    std::string name;  // the event: field
    rapidjson::Document data;
};

// Takes the SSE apart, checking every frame's shape: "event: T\ndata: {...type:T...}".
std::vector<Event> eventsOf(const std::string& sse) {
    std::vector<Event> events;
    std::size_t start = 0;
    while (start < sse.size()) {
        const auto end = sse.find("\n\n", start);
        REQUIRE(end != std::string::npos);
        const std::string block = sse.substr(start, end - start);
        start = end + 2;
        if (block.rfind(":", 0) == 0) {
            continue;  // a comment (keep-alive)
        }
        REQUIRE(block.rfind("event: ", 0) == 0);
        const auto newline = block.find('\n');
        REQUIRE(newline != std::string::npos);
        Event event;
        event.name = block.substr(7, newline - 7);
        REQUIRE(block.compare(newline + 1, 6, "data: ") == 0);
        const std::string json = block.substr(newline + 7);
        event.data.Parse<rapidjson::kParseValidateEncodingFlag>(json.c_str());
        REQUIRE_FALSE(event.data.HasParseError());
        CHECK(std::string(event.data["type"].GetString()) == event.name);
        events.push_back(std::move(event));
    }
    return events;
}

std::vector<std::string> namesOf(const std::vector<Event>& events) {
    std::vector<std::string> names;
    for (const auto& event : events) {
        names.push_back(event.name);
    }
    return names;
}

void checkSequence(const std::vector<Event>& events) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        CAPTURE(i);
        CHECK(events[i].data["sequence_number"].GetInt64() == static_cast<std::int64_t>(i));
    }
}

std::string str(const rapidjson::Value& value) {
    REQUIRE(value.IsString());
    return std::string(value.GetString(), value.GetStringLength());
}

}  // namespace

TEST_CASE("response events: reasoning, text and a call, each an item, in the order given") {
    const auto request = sampleRequest();
    ResponseEventRenderer renderer(request, "resp_test", 1700000000);
    renderer.setModel("claude-sonnet-5-5");
    std::string sse = renderer.begin();
    sse += renderer.reasoning("Think");
    sse += renderer.reasoning("ing.");
    sse += renderer.content("Hel");
    sse += renderer.keepAlive();
    sse += renderer.content("lo");
    sse += renderer.toolCall(0, {"call_1", "get_weather", R"({"city":"Oslo"})"});
    sse += renderer.toolCall(1, {"call_2", "get_weather", R"({"city":"Rome"})"});
    openai::Usage usage;
    usage.inputTokens = 10;
    usage.cacheReadTokens = 5;
    usage.outputTokens = 7;
    usage.reasoningTokens = 3;
    sse += renderer.finish("tool_calls", usage);

    const auto events = eventsOf(sse);
    checkSequence(events);
    CHECK(namesOf(events) == std::vector<std::string>{
                                 "response.created",
                                 "response.in_progress",
                                 "response.output_item.added",
                                 "response.reasoning_summary_part.added",
                                 "response.reasoning_summary_text.delta",
                                 "response.reasoning_summary_text.delta",
                                 "response.reasoning_summary_text.done",
                                 "response.reasoning_summary_part.done",
                                 "response.output_item.done",
                                 "response.output_item.added",
                                 "response.content_part.added",
                                 "response.output_text.delta",
                                 "response.output_text.delta",
                                 "response.output_text.done",
                                 "response.content_part.done",
                                 "response.output_item.done",
                                 "response.output_item.added",
                                 "response.function_call_arguments.delta",
                                 "response.function_call_arguments.done",
                                 "response.output_item.done",
                                 "response.output_item.added",
                                 "response.function_call_arguments.delta",
                                 "response.function_call_arguments.done",
                                 "response.output_item.done",
                                 "response.completed",
                             });
    const auto& created = events[0].data["response"];
    CHECK(str(created["id"]) == "resp_test");
    CHECK(str(created["status"]) == "in_progress");
    CHECK(str(created["model"]) == "claude-sonnet-5-5");
    CHECK(str(created["instructions"]) == "Be brief.");
    CHECK(created["output"].Empty());
    CHECK(created["usage"].IsNull());
    CHECK(str(created["tools"][0]["name"]) == "get_weather");

    CHECK(str(events[2].data["item"]["type"]) == "reasoning");
    CHECK(events[2].data["output_index"].GetInt() == 0);
    CHECK(str(events[6].data["text"]) == "Thinking.");
    CHECK(str(events[10].data["part"]["type"]) == "output_text");
    CHECK(events[11].data["output_index"].GetInt() == 1);
    CHECK(str(events[11].data["item_id"]) == str(events[9].data["item"]["id"]));
    CHECK(str(events[13].data["text"]) == "Hello");
    CHECK(str(events[16].data["item"]["type"]) == "function_call");
    CHECK(str(events[16].data["item"]["arguments"]).empty());
    CHECK(str(events[16].data["item"]["status"]) == "in_progress");
    CHECK(str(events[18].data["arguments"]) == R"({"city":"Oslo"})");
    CHECK(str(events[18].data["name"]) == "get_weather");
    CHECK(events[22].data["output_index"].GetInt() == 3);

    const auto& completed = events.back().data["response"];
    CHECK(str(completed["status"]) == "completed");
    REQUIRE(completed["output"].Size() == 4);
    CHECK(str(completed["output"][0]["summary"][0]["text"]) == "Thinking.");
    CHECK(str(completed["output"][1]["content"][0]["text"]) == "Hello");
    CHECK(str(completed["output"][1]["status"]) == "completed");
    CHECK(str(completed["output"][2]["call_id"]) == "call_1");
    CHECK(str(completed["output"][3]["call_id"]) == "call_2");
    CHECK(str(completed["output"][3]["arguments"]) == R"({"city":"Rome"})");
    CHECK(completed["usage"]["input_tokens"].GetInt() == 15);
    CHECK(completed["usage"]["input_tokens_details"]["cached_tokens"].GetInt() == 5);
    CHECK(completed["usage"]["output_tokens"].GetInt() == 7);
    CHECK(completed["usage"]["output_tokens_details"]["reasoning_tokens"].GetInt() == 3);
    CHECK(completed["usage"]["total_tokens"].GetInt() == 22);
}

TEST_CASE("response events: the length finish is response.incomplete, an empty answer a message") {
    const auto request = sampleRequest();
    ResponseEventRenderer renderer(request, "resp_x", 1);
    const auto events = eventsOf(renderer.finish("length", {}));
    checkSequence(events);
    CHECK(namesOf(events).front() == "response.created");
    CHECK(namesOf(events).back() == "response.incomplete");
    const auto& response = events.back().data["response"];
    CHECK(str(response["status"]) == "incomplete");
    CHECK(str(response["incomplete_details"]["reason"]) == "max_output_tokens");
    REQUIRE(response["output"].Size() == 1);
    CHECK(str(response["output"][0]["type"]) == "message");
    CHECK(str(response["output"][0]["content"][0]["text"]).empty());

    ResponseEventRenderer filtered(request, "resp_y", 1);
    std::string filteredSse = filtered.content("x");
    filteredSse += filtered.finish("content_filter", {});
    const auto more = eventsOf(filteredSse);
    CHECK(str(more.back().data["response"]["incomplete_details"]["reason"]) == "content_filter");
}

TEST_CASE("response events: a failure is an error event, then response.failed") {
    const auto request = sampleRequest();
    ResponseEventRenderer renderer(request, "resp_e", 1);
    std::string sse = renderer.begin();
    sse += renderer.content("partial");
    sse += renderer.error(
        openai::ApiError(429, "rate_limit_error", "rate_limit_exceeded", "Upstream rate limit."));
    const auto events = eventsOf(sse);
    checkSequence(events);
    REQUIRE(events.size() >= 3);
    CHECK(events[events.size() - 2].name == "error");
    CHECK(str(events[events.size() - 2].data["code"]) == "rate_limit_exceeded");
    CHECK(str(events[events.size() - 2].data["message"]) == "Upstream rate limit.");
    const auto& failed = events.back().data["response"];
    CHECK(events.back().name == "response.failed");
    CHECK(str(failed["status"]) == "failed");
    CHECK(str(failed["error"]["code"]) == "rate_limit_exceeded");
    CHECK(str(failed["output"][0]["content"][0]["text"]) == "partial");

    // Failing before anything started still opens the response first.
    ResponseEventRenderer early(request, "resp_f", 1);
    const auto first = eventsOf(early.error(openai::ApiError(502, "api_error", "cli_failed", "x")));
    CHECK(namesOf(first) == std::vector<std::string>{"response.created", "response.in_progress",
                                                     "error", "response.failed"});
}

TEST_CASE("response events: ill-formed UTF-8 from the model still gives valid JSON") {
    const auto request = sampleRequest();
    ResponseEventRenderer renderer(request, "resp_u", 1);
    std::string sse = renderer.content(std::string("bad \xff byte"));
    sse += renderer.finish("stop", {});
    const auto events = eventsOf(sse);
    CHECK(str(events.back().data["response"]["output"][0]["content"][0]["text"]) ==
          "bad \xEF\xBF\xBD byte");
}

TEST_CASE("response events: a recording of the pinned CLI with thinking, through the translator") {
    const auto request = sampleRequest();
    ResponseEventRenderer renderer(request, "resp_rec", 1);
    StreamTranslator translator({"chatcmpl-rec", 1, "sonnet", true}, &renderer);
    LineSplitter splitter(1 << 20);
    std::string sse;
    const auto onLine = [&](std::string_view line) {
        sse += translator.onEvent(parseStreamLine(line));
    };
    splitter.feed(recording_support::readRecording("thinking_streamed"), onLine);
    splitter.finish(onLine);
    REQUIRE(translator.result().has_value());
    openai::Usage usage;
    usage.outputTokens = 9;
    sse += translator.finishSuccess(*translator.result(), usage);
    const auto events = eventsOf(sse);
    checkSequence(events);
    CHECK(events.back().name == "response.completed");
    const auto& response = events.back().data["response"];
    REQUIRE(response["output"].Size() == 2);
    CHECK(str(response["output"][0]["type"]) == "reasoning");
    CHECK(str(response["output"][0]["summary"][0]["text"]) == translator.reasoning());
    CHECK_FALSE(translator.reasoning().empty());
    CHECK(str(response["output"][1]["content"][0]["text"]) == translator.fullText());
    CHECK_FALSE(translator.fullText().empty());
}

}  // namespace claude_proxy::streaming
