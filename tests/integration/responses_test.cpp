// The Responses API (POST /v1/responses) through the real CLI: the same service as chat
// completions, answered as response objects and response.* events.
#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>
#include <string>
#include <vector>

#include "conversation_client.hpp"
#include "harness.hpp"
#include "support/process_census.hpp"
#include "support/sse_events.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::find;
using claude_proxy::test_support::intAt;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::parseSseEvents;
using claude_proxy::test_support::postJson;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::toJson;
using claude_proxy::test_support::toolInputMarker;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(20);

std::string quoted(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return buffer.GetString();
}

HttpResponse respond(const Harness& h, const std::string& body) {
    return postJson(h.proxy.port(), "/v1/responses", body);
}

std::string inputBody(const std::string& text, const std::string& extra = "") {
    return R"({"model":"sonnet","input":)" + quoted(text) + (extra.empty() ? "" : "," + extra) +
           "}";
}

// The output_text of every message item, joined.
std::string outputText(const rapidjson::Value& response) {
    std::string text;
    for (const auto& item : response["output"].GetArray()) {
        if (std::string(item["type"].GetString()) != "message") {
            continue;
        }
        for (const auto& part : item["content"].GetArray()) {
            if (std::string(part["type"].GetString()) == "output_text") {
                text += part["text"].GetString();
            }
        }
    }
    return text;
}

struct Streamed {
    std::vector<std::string> types;
    std::vector<rapidjson::Document> events;
};

// The events of a Responses stream; checks what every event must satisfy on the way: the
// `event:` field names the data's type, sequence numbers count from 0, no [DONE].
Streamed streamedEvents(const HttpResponse& response) {
    Streamed out;
    long long expected = 0;
    for (const auto& event : parseSseEvents(response.body)) {
        REQUIRE(event.data != "[DONE]");
        auto data = parseJson(event.data);
        REQUIRE(data.IsObject());
        const std::string type = data["type"].GetString();
        CHECK(event.event == type);
        CHECK(data["sequence_number"].GetInt64() == expected++);
        out.types.push_back(type);
        out.events.push_back(std::move(data));
    }
    return out;
}

std::string joinedDeltas(const Streamed& stream, const std::string& type) {
    std::string text;
    for (std::size_t i = 0; i < stream.types.size(); ++i) {
        if (stream.types[i] == type) {
            text += stream.events[i]["delta"].GetString();
        }
    }
    return text;
}

const rapidjson::Value& lastResponse(const Streamed& stream) {
    REQUIRE_FALSE(stream.events.empty());
    return stream.events.back()["response"];
}

const std::string kWeatherTool =
    R"("tools":[{"type":"function","name":"get_weather","description":"Weather now",)"
    R"("parameters":{"type":"object","properties":{"city":{"type":"string"}}}}])";

std::string toolCallReply(const std::string& argumentsJson) {
    return replyMarker("```tool_call\n{\"name\": \"get_weather\", \"arguments\": " + argumentsJson +
                       "}\n```");
}

}  // namespace

TEST_CASE("responses: a string input is answered as a completed response object") {
    Harness h;
    const auto response = respond(h, inputBody("Say hi " + replyMarker("Hi there")));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/object") == "response");
    CHECK(stringAt(body, "/id").rfind("resp_", 0) == 0);
    CHECK(stringAt(body, "/status") == "completed");
    CHECK(find(body, "/error")->IsNull());
    CHECK(find(body, "/incomplete_details")->IsNull());
    REQUIRE(body["output"].Size() == 1);
    CHECK(stringAt(body, "/output/0/type") == "message");
    CHECK(stringAt(body, "/output/0/role") == "assistant");
    CHECK(stringAt(body, "/output/0/status") == "completed");
    CHECK(stringAt(body, "/output/0/id").rfind("msg_", 0) == 0);
    CHECK(stringAt(body, "/output/0/content/0/type") == "output_text");
    CHECK(outputText(body) == "Hi there");
    CHECK(intAt(body, "/usage/input_tokens") > 0);
    CHECK(intAt(body, "/usage/output_tokens") > 0);
    CHECK(intAt(body, "/usage/total_tokens") ==
          intAt(body, "/usage/input_tokens") + intAt(body, "/usage/output_tokens"));
    CHECK(find(body, "/usage/input_tokens_details/cached_tokens") != nullptr);
    CHECK(find(body, "/usage/output_tokens_details/reasoning_tokens") != nullptr);
    CHECK(response.header("X-Conversation-Id").has_value());
}

TEST_CASE("responses: instructions are the system prompt, input items the conversation") {
    Harness h;
    const std::string body =
        R"({"model":"sonnet","instructions":"You are terse.","input":[)"
        R"({"role":"user","content":"What is 2+2?"},)"
        R"({"type":"message","role":"assistant","content":[{"type":"output_text","text":"Four"}]},)"
        R"({"type":"message","role":"user","content":[{"type":"input_text","text":"And 3+3? MOCK:echo"}]}]})";
    const auto response = respond(h, body);
    REQUIRE(response.status == 200);
    const auto echo = parseJson(outputText(parseJson(response.body)));
    CHECK(std::string(echo["system"].GetString()).find("You are terse.") != std::string::npos);
    const std::string prompt = toJson(echo["messages"]);
    const auto at = [&](const std::string& needle) {
        INFO("upstream messages: " << prompt);
        const auto position = prompt.find(needle);
        REQUIRE(position != std::string::npos);
        return position;
    };
    // The history in order, as one replayed transcript of a single upstream request.
    CHECK(at("What is 2+2?") < at("Four"));
    CHECK(at("Four") < at("And 3+3?"));
    CHECK(at("What is 2+2?") < at("And 3+3?"));
    CHECK(h.mock.requests().size() == 1);
}

TEST_CASE("responses: a stream is the event sequence the SDKs accumulate") {
    Harness h;
    const auto response =
        respond(h, inputBody("Stream it " + replyMarker("Streamed words"), R"("stream":true)"));
    REQUIRE(response.status == 200);
    CHECK(response.header("Content-Type").value_or("").find("text/event-stream") == 0);
    const auto stream = streamedEvents(response);
    const std::vector<std::string> head(
        stream.types.begin(),
        stream.types.begin() + std::min<std::ptrdiff_t>(4, std::ssize(stream.types)));
    CHECK(head == std::vector<std::string>{"response.created", "response.in_progress",
                                           "response.output_item.added",
                                           "response.content_part.added"});
    const std::vector<std::string> tail(
        stream.types.end() - std::min<std::ptrdiff_t>(4, std::ssize(stream.types)),
        stream.types.end());
    CHECK(tail == std::vector<std::string>{"response.output_text.done",
                                           "response.content_part.done",
                                           "response.output_item.done", "response.completed"});
    CHECK(stringAt(stream.events[0], "/response/status") == "in_progress");
    CHECK(stream.events[0]["response"]["output"].Empty());
    CHECK(joinedDeltas(stream, "response.output_text.delta") == "Streamed words");
    // More than one delta: the text really streamed.
    CHECK(std::count(stream.types.begin(), stream.types.end(), "response.output_text.delta") > 1);
    const auto& done = stream.events[stream.types.size() - 4];
    CHECK(stringAt(done, "/text") == "Streamed words");
    const auto& completed = lastResponse(stream);
    CHECK(stringAt(completed, "/status") == "completed");
    CHECK(outputText(completed) == "Streamed words");
    CHECK(intAt(completed, "/usage/output_tokens") > 0);
    // Every delta names the item that was added.
    const std::string itemId = stringAt(stream.events[2], "/item/id");
    for (std::size_t i = 0; i < stream.types.size(); ++i) {
        if (stream.types[i] == "response.output_text.delta") {
            CHECK(stringAt(stream.events[i], "/item_id") == itemId);
            CHECK(intAt(stream.events[i], "/output_index") == 0);
        }
    }
}

TEST_CASE("responses: a function call comes back as a function_call item, and its output goes on") {
    Harness h;
    const auto first = respond(
        h, inputBody("Weather in Oslo? " + toolCallReply(R"({"city":"Oslo"})"), kWeatherTool));
    REQUIRE(first.status == 200);
    const auto body = parseJson(first.body);
    const rapidjson::Value* call = nullptr;
    for (const auto& item : body["output"].GetArray()) {
        if (std::string(item["type"].GetString()) == "function_call") {
            call = &item;
        }
    }
    REQUIRE(call != nullptr);
    CHECK(std::string((*call)["name"].GetString()) == "get_weather");
    CHECK(parseJson((*call)["arguments"].GetString()) == parseJson(R"({"city":"Oslo"})"));
    const std::string callId = (*call)["call_id"].GetString();
    CHECK_FALSE(callId.empty());
    CHECK(std::string((*call)["id"].GetString()).rfind("fc_", 0) == 0);
    CHECK(stringAt(body, "/status") == "completed");

    // The client sends the call and its output back, as the Agents SDK does.
    const std::string second =
        R"({"model":"sonnet",)" + kWeatherTool + R"(,"input":[)" +
        R"({"role":"user","content":"Weather in Oslo?"},)" + toJson(*call) + "," +
        R"({"type":"function_call_output","call_id":)" + quoted(callId) +
        R"(,"output":"Sunny, 21 C"},{"role":"user","content":"Thanks MOCK:echo"}]})";
    const auto next = respond(h, second);
    REQUIRE(next.status == 200);
    const std::string echo = outputText(parseJson(next.body));
    CHECK(echo.find("Sunny, 21 C") != std::string::npos);
    CHECK(echo.find(callId) != std::string::npos);
}

TEST_CASE("responses: a streamed function call is an item with argument events") {
    Harness h;
    const auto response = respond(h, inputBody("Weather? " + toolCallReply(R"({"city":"Rome"})"),
                                               kWeatherTool + R"(,"stream":true)"));
    REQUIRE(response.status == 200);
    const auto stream = streamedEvents(response);
    std::size_t added = stream.types.size();
    for (std::size_t i = 0; i < stream.types.size(); ++i) {
        if (stream.types[i] == "response.output_item.added" &&
            stringAt(stream.events[i], "/item/type") == "function_call") {
            added = i;
        }
    }
    REQUIRE(added < stream.types.size());
    CHECK(stringAt(stream.events[added], "/item/arguments").empty());
    const auto argumentsDone = std::find(stream.types.begin(), stream.types.end(),
                                         "response.function_call_arguments.done");
    REQUIRE(argumentsDone != stream.types.end());
    const auto& doneEvent =
        stream.events[static_cast<std::size_t>(argumentsDone - stream.types.begin())];
    CHECK(parseJson(stringAt(doneEvent, "/arguments")) == parseJson(R"({"city":"Rome"})"));
    CHECK(joinedDeltas(stream, "response.function_call_arguments.delta") ==
          stringAt(doneEvent, "/arguments"));
    const auto& completed = lastResponse(stream);
    bool found = false;
    for (const auto& item : completed["output"].GetArray()) {
        if (std::string(item["type"].GetString()) == "function_call") {
            found = true;
            CHECK(std::string(item["name"].GetString()) == "get_weather");
            CHECK(std::string(item["status"].GetString()) == "completed");
        }
    }
    CHECK(found);
    // No text of the tool-call block leaked out as output text.
    CHECK(joinedDeltas(stream, "response.output_text.delta").find("tool_call") ==
          std::string::npos);
}

TEST_CASE("responses: text.format json_schema gives the JSON as output_text") {
    Harness h;
    const std::string answer = R"({"city":"Paris"})";
    const auto response = respond(
        h, inputBody("Capital of France? MOCK:tool_use=StructuredOutput " + toolInputMarker(answer),
                     R"("text":{"format":{"type":"json_schema","name":"capital","strict":true,)"
                     R"("schema":{"type":"object","properties":{"city":{"type":"string"}},)"
                     R"("required":["city"],"additionalProperties":false}}})"));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(outputText(body) == answer);
    CHECK(stringAt(body, "/text/format/type") == "json_schema");
    CHECK(stringAt(body, "/text/format/name") == "capital");
}

TEST_CASE("responses: thinking is a reasoning item before the message, streamed and not") {
    Harness h;
    const auto response =
        respond(h, inputBody("MOCK:thinking", R"("reasoning":{"effort":"high","summary":"auto"})"));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    REQUIRE(body["output"].Size() == 2);
    CHECK(stringAt(body, "/output/0/type") == "reasoning");
    CHECK(stringAt(body, "/output/0/summary/0/type") == "summary_text");
    CHECK(stringAt(body, "/output/0/summary/0/text") == "Let me think about this.");
    CHECK(stringAt(body, "/output/1/type") == "message");
    CHECK(outputText(body) == "Hello from mock");
    CHECK(intAt(body, "/usage/output_tokens_details/reasoning_tokens") > 0);
    CHECK(stringAt(body, "/reasoning/effort") == "high");
    // The effort reached the model.
    CHECK(h.mock.requests().at(0).body.find(R"("effort":"high")") != std::string::npos);

    const auto streamed =
        respond(h, inputBody("MOCK:thinking", R"("stream":true,"reasoning":{"summary":"auto"})"));
    REQUIRE(streamed.status == 200);
    const auto stream = streamedEvents(streamed);
    CHECK(joinedDeltas(stream, "response.reasoning_summary_text.delta") ==
          "Let me think about this.");
    CHECK(joinedDeltas(stream, "response.output_text.delta") == "Hello from mock");
    const auto firstText =
        std::find(stream.types.begin(), stream.types.end(), "response.output_text.delta");
    const auto lastThought = std::find(stream.types.rbegin(), stream.types.rend(),
                                       "response.reasoning_summary_text.delta");
    REQUIRE(lastThought != stream.types.rend());
    CHECK(lastThought.base() <= firstText);
    CHECK(stringAt(lastResponse(stream), "/output/0/type") == "reasoning");
}

TEST_CASE("responses: max_output_tokens ends the answer as incomplete, with one upstream request") {
    Harness h;
    const auto response = respond(
        h, inputBody("Long story " + replyMarker("Once upon a time") + " MOCK:stop=max_tokens",
                     R"("max_output_tokens":16)"));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/status") == "incomplete");
    CHECK(stringAt(body, "/incomplete_details/reason") == "max_output_tokens");
    CHECK(intAt(body, "/max_output_tokens") == 16);
    CHECK(outputText(body) == "Once upon a time");
    CHECK(h.mock.requests().size() == 1);
    CHECK(h.mock.requests().at(0).body.find(R"("max_tokens":16)") != std::string::npos);

    const auto streamed = respond(
        h, inputBody("Long story " + replyMarker("Once upon a time") + " MOCK:stop=max_tokens",
                     R"("max_output_tokens":16,"stream":true)"));
    REQUIRE(streamed.status == 200);
    const auto stream = streamedEvents(streamed);
    CHECK(stream.types.back() == "response.incomplete");
    CHECK(stringAt(lastResponse(stream), "/incomplete_details/reason") == "max_output_tokens");
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

TEST_CASE("responses: what the proxy cannot do is a 400 naming the field, before any CLI runs") {
    Harness h;
    struct Case {
        std::string body;
        std::string param;
        std::string code;
    };
    const std::vector<Case> cases = {
        {R"({"model":"sonnet","input":"x","previous_response_id":"resp_unknown"})",
         "previous_response_id", "previous_response_not_found"},
        {R"({"model":"sonnet","input":"x","background":true})", "background",
         "unsupported_parameter"},
        {R"({"model":"sonnet","input":"x","tools":[{"type":"web_search"}]})", "tools[0].type",
         "unsupported_parameter"},
        {R"({"model":"sonnet","input":"x","tools":[{"type":"file_search","vector_store_ids":[]}]})",
         "tools[0].type", "unsupported_parameter"},
        {R"({"model":"sonnet"})", "input", "missing_required_parameter"},
        {R"({"model":"sonnet","input":[]})", "input", "empty_array"},
        {R"({"model":"sonnet","input":[{"type":"item_reference","id":"msg_1"}]})", "input[0].type",
         "unsupported_parameter"},
        {R"({"model":"sonnet","input":[{"role":"robot","content":"x"}]})", "input[0].role",
         "invalid_value"},
        {R"({"model":"sonnet","input":[{"type":"function_call_output","output":"x"}]})",
         "input[0].call_id", "missing_required_parameter"},
        {R"({"model":"sonnet","input":"x","max_output_tokens":0})", "max_output_tokens",
         "invalid_value"},
        {R"({"model":"sonnet","input":"x","reasoning":{"effort":"extreme"}})", "reasoning.effort",
         "invalid_value"},
        {R"({"model":"sonnet","input":"x","tool_choice":"required"})", "tool_choice",
         "invalid_value"},
        {R"({"model":"sonnet","input":"x","text":{"format":{"type":"json_schema","name":"n"}}})",
         "text.format.schema", "missing_required_parameter"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.body);
        const auto response = respond(h, c.body);
        CHECK(response.status == 400);
        const auto body = parseJson(response.body);
        CHECK(stringAt(body, "/error/type") == "invalid_request_error");
        CHECK(stringAt(body, "/error/param") == c.param);
        CHECK(stringAt(body, "/error/code") == c.code);
    }
    CHECK(h.mock.requests().empty());
}

TEST_CASE("responses: an upstream failure is an HTTP error, or in-band error and response.failed") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--cli-max-retries=0"};
    Harness h(options);
    const auto plain = respond(h, inputBody("MOCK:status=500 MOCK:no-retry"));
    CHECK(plain.status >= 500);
    CHECK_FALSE(stringAt(parseJson(plain.body), "/error/code").empty());

    const auto streamed =
        respond(h, inputBody(replyMarker("partial answer") + " MOCK:midstream-error MOCK:no-retry",
                             R"("stream":true)"));
    REQUIRE(streamed.status == 200);
    const auto stream = streamedEvents(streamed);
    REQUIRE(stream.types.size() >= 2);
    if (stream.types.back() == "response.failed") {
        CHECK(stream.types[stream.types.size() - 2] == "error");
        CHECK(stringAt(lastResponse(stream), "/status") == "failed");
        CHECK_FALSE(stringAt(lastResponse(stream), "/error/code").empty());
    } else {
        // The CLI recovered by itself (it retries a broken stream without streaming).
        CHECK(stream.types.back() == "response.completed");
    }
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

TEST_CASE("responses: a conversation continued with the returned output reuses its live process") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=4", "--spare-processes=0"};
    Harness h(options);
    const auto first = respond(h, R"({"model":"sonnet","instructions":"Be brief.","input":[)"
                                  R"({"role":"user","content":)" +
                                      quoted("First " + replyMarker("One")) + "}]}");
    REQUIRE(first.status == 200);
    const auto firstBody = parseJson(first.body);
    CHECK(outputText(firstBody) == "One");
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 1; }, kBound));
    const auto pids = test_support::childrenOf(h.proxy.pid());

    // The next request repeats the input, appends the output items as they came, and asks more.
    std::string input =
        R"([{"role":"user","content":)" + quoted("First " + replyMarker("One")) + "}";
    for (const auto& item : firstBody["output"].GetArray()) {
        input += "," + toJson(item);
    }
    input += R"(,{"role":"user","content":)" + quoted("Second " + replyMarker("Two")) + "}]";
    const auto second = respond(
        h, R"({"model":"sonnet","instructions":"Be brief.","stream":true,"input":)" + input + "}");
    REQUIRE(second.status == 200);
    CHECK(outputText(lastResponse(streamedEvents(second))) == "Two");

    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 2);
    const auto turn1 = upstreamMessages(requests[0]);
    const auto turn2 = upstreamMessages(requests[1]);
    // The second turn went to the same process as real messages: turn 1, its reply, the new one.
    REQUIRE(turn2.size() == turn1.size() + 2);
    CHECK(turn2[turn1.size()].find("One") != std::string::npos);
    CHECK(turn2.back().find("First") == std::string::npos);
    CHECK(test_support::childrenOf(h.proxy.pid()) == pids);
    CHECK(metric(h, lookups("live")) == 1);
}

// ---- stored responses: previous_response_id, GET and DELETE ----------------------------------

namespace {

HttpResponse respondAs(const Harness& h, const std::string& body, const std::string& key) {
    return postJson(h.proxy.port(), "/v1/responses", body, {{"Authorization", "Bearer " + key}});
}

HttpResponse stored(const Harness& h, const std::string& method, const std::string& id,
                    const test_support::HeaderList& headers = {}) {
    return test_support::request(h.proxy.port(), method, "/v1/responses/" + id, "", headers);
}

}  // namespace

TEST_CASE("responses: previous_response_id continues a stored response on its live process") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=4", "--spare-processes=0"};
    Harness h(options);
    const auto first =
        respond(h, inputBody("First " + replyMarker("Alpha"), R"("instructions":"Be brief.")"));
    REQUIRE(first.status == 200);
    const auto firstBody = parseJson(first.body);
    const std::string firstId = stringAt(firstBody, "/id");
    CHECK(find(firstBody, "/store")->GetBool());
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 1; }, kBound));

    // Only the new input is sent; the instructions are given again (they are not inherited).
    const auto second =
        respond(h, inputBody("Second " + replyMarker("Beta"),
                             R"("instructions":"Be brief.","stream":true,"previous_response_id":)" +
                                 quoted(firstId)));
    REQUIRE(second.status == 200);
    const auto stream = streamedEvents(second);
    const auto& secondResponse = lastResponse(stream);
    CHECK(outputText(secondResponse) == "Beta");
    CHECK(stringAt(secondResponse, "/previous_response_id") == firstId);
    const std::string secondId = stringAt(secondResponse, "/id");

    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 2);
    const auto turn1 = upstreamMessages(requests[0]);
    const auto turn2 = upstreamMessages(requests[1]);
    // The earlier turns went upstream as real messages, from the same process.
    REQUIRE(turn2.size() == turn1.size() + 2);
    CHECK(turn2[turn1.size()].find("Alpha") != std::string::npos);
    CHECK(turn2.back().find("Second") != std::string::npos);
    CHECK(turn2.back().find("First") == std::string::npos);
    CHECK(metric(h, lookups("live")) == 1);

    // A chain: the third request continues the streamed second one.
    const auto third =
        respond(h, inputBody("Third MOCK:echo", R"("previous_response_id":)" + quoted(secondId)));
    REQUIRE(third.status == 200);
    const std::string echo = outputText(parseJson(third.body));
    CHECK(echo.find("Alpha") != std::string::npos);
    CHECK(echo.find("Beta") != std::string::npos);

    // GET returns the stored object; DELETE removes it, after which it is gone everywhere.
    const auto fetched = stored(h, "GET", firstId);
    REQUIRE(fetched.status == 200);
    CHECK(parseJson(fetched.body) == firstBody);
    const auto deleted = stored(h, "DELETE", firstId);
    REQUIRE(deleted.status == 200);
    CHECK(stringAt(parseJson(deleted.body), "/object") == "response.deleted");
    CHECK(stored(h, "GET", firstId).status == 404);
    CHECK(stringAt(parseJson(stored(h, "DELETE", firstId).body), "/error/code") ==
          "response_not_found");
    const auto gone = respond(h, inputBody("x", R"("previous_response_id":)" + quoted(firstId)));
    CHECK(gone.status == 400);
    CHECK(stringAt(parseJson(gone.body), "/error/code") == "previous_response_not_found");
}

TEST_CASE("responses: stored responses belong to their API key, store:false keeps nothing") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--api-keys=sk-resp-a,sk-resp-b"};
    Harness h(options);
    const auto mine = respondAs(h, inputBody(replyMarker("mine")), "sk-resp-a");
    REQUIRE(mine.status == 200);
    const std::string id = stringAt(parseJson(mine.body), "/id");
    CHECK(stored(h, "GET", id, {{"Authorization", "Bearer sk-resp-a"}}).status == 200);
    CHECK(stored(h, "GET", id, {{"Authorization", "Bearer sk-resp-b"}}).status == 404);
    const auto foreign =
        respondAs(h, inputBody("x", R"("previous_response_id":)" + quoted(id)), "sk-resp-b");
    CHECK(foreign.status == 400);
    CHECK(stringAt(parseJson(foreign.body), "/error/code") == "previous_response_not_found");
    CHECK(stored(h, "DELETE", id, {{"Authorization", "Bearer sk-resp-b"}}).status == 404);
    CHECK(stored(h, "GET", id, {{"Authorization", "Bearer sk-resp-a"}}).status == 200);

    const auto unstored =
        respondAs(h, inputBody(replyMarker("unstored"), R"("store":false)"), "sk-resp-a");
    REQUIRE(unstored.status == 200);
    const auto unstoredBody = parseJson(unstored.body);
    CHECK_FALSE(find(unstoredBody, "/store")->GetBool());
    CHECK(stored(h, "GET", stringAt(unstoredBody, "/id"), {{"Authorization", "Bearer sk-resp-a"}})
              .status == 404);
}

TEST_CASE("responses: the store keeps at most stored-responses, and 0 turns it off") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--stored-responses=1"};
    Harness h(options);
    const auto first = respond(h, inputBody(replyMarker("one")));
    const auto second = respond(h, inputBody(replyMarker("two")));
    REQUIRE(first.status == 200);
    REQUIRE(second.status == 200);
    CHECK(stored(h, "GET", stringAt(parseJson(first.body), "/id")).status == 404);
    CHECK(stored(h, "GET", stringAt(parseJson(second.body), "/id")).status == 200);

    test_support::ProxyOptions off;
    off.extraArgs = {"--stored-responses=0"};
    Harness none(off);
    const auto answer = respond(none, inputBody(replyMarker("kept nowhere")));
    REQUIRE(answer.status == 200);
    CHECK_FALSE(find(parseJson(answer.body), "/store")->GetBool());
    const auto refused =
        respond(none, inputBody("x", R"("previous_response_id":)" +
                                         quoted(stringAt(parseJson(answer.body), "/id"))));
    CHECK(refused.status == 400);
    CHECK(stringAt(parseJson(refused.body), "/error/code") == "unsupported_parameter");
}

TEST_CASE(
    "responses: input_image and input_file parts reach the model as image and document blocks") {
    Harness h;
    // A real 1x1 PNG and a minimal PDF (the CLI passes both upstream unchanged).
    const std::string png =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5Erk"
        "Jg"
        "gg==";
    const std::string pdf = "JVBERi0xLjQKMSAwIG9iajw8Pj5lbmRvYmoKdHJhaWxlcjw8Pj4KJSVFT0YK";
    const std::string body =
        R"({"model":"sonnet","input":[{"role":"user","content":[)"
        R"({"type":"input_text","text":"What is this?"},)"
        R"({"type":"input_image","image_url":"data:image/png;base64,)" +
        png + R"(","detail":"low"},)" +
        R"({"type":"input_file","filename":"a.pdf","file_data":"data:application/pdf;base64,)" +
        pdf + R"("},{"type":"input_text","text":"MOCK:echo"}]}]})";
    const auto response = respond(h, body);
    REQUIRE(response.status == 200);
    const auto echo = parseJson(outputText(parseJson(response.body)));
    const auto& messages = echo["messages"];
    INFO("upstream: " << toJson(messages));
    const rapidjson::Value* asked = nullptr;
    for (const auto& message : messages.GetArray()) {
        if (std::string(message["role"].GetString()) == "user" &&
            std::string(message["text"].GetString()).find("MOCK:echo") != std::string::npos) {
            asked = &message;
        }
    }
    REQUIRE(asked != nullptr);
    const auto& last = *asked;
    const std::string blocks = toJson(last["blocks"]);
    // In order: the text, the image, the PDF, the text after them.
    CHECK(blocks == R"(["text","image","document","text"])");
    CHECK(blocks.find("image") != std::string::npos);
    CHECK(blocks.find("document") != std::string::npos);
    REQUIRE(last["images"].Size() >= 1);
    CHECK(std::string(last["images"][0]["media_type"].GetString()) == "image/png");
    CHECK(std::string(last["images"][0]["data"].GetString()) == png);

    const auto bad =
        respond(h, R"({"model":"sonnet","input":[{"role":"user","content":[)"
                   R"({"type":"input_image","image_url":"data:image/png;base64,AAAA"}]}]})");
    CHECK(bad.status == 400);
    CHECK(stringAt(parseJson(bad.body), "/error/param") == "input[0].content[0].image_url");
    CHECK(stringAt(parseJson(bad.body), "/error/code") == "invalid_image");
    const auto remote =
        respond(h, R"({"model":"sonnet","input":[{"role":"user","content":[)"
                   R"({"type":"input_image","image_url":"http://127.0.0.1:9/x.png"}]}]})");
    CHECK(remote.status == 400);
    CHECK(stringAt(parseJson(remote.body), "/error/param") == "input[0].content[0].image_url");
    CHECK(h.mock.requests().size() == 1);
}
