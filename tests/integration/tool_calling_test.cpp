// Tool calling through the handler plugins (generic, evonic) with the real CLI and the mock
// model. The mock replies with exactly the text a test scripts (MOCK:reply64), so each test
// decides what "the model" answers.
#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "harness.hpp"
#include "support/sse_events.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::parseSseEvents;
using claude_proxy::test_support::stringAt;

namespace {

const std::string kWeatherTool =
    R"({"type":"function","function":{"name":"get_weather","description":"Current weather )"
    R"(for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},)"
    R"("required":["city"]}}})";
const std::string kTimeTool =
    R"({"type":"function","function":{"name":"get_time","description":"Current time in a )"
    R"(time zone","parameters":{"type":"object","properties":{"zone":{"type":"string"}}}}})";

std::string callBlock(const std::string& name, const std::string& argumentsJson) {
    return "```tool_call\n{\"name\": \"" + name + "\", \"arguments\": " + argumentsJson + "}\n```";
}

// A request body: `messagesJson` is the JSON array of messages, `extra` more members.
std::string toolBody(const std::string& messagesJson, const std::string& tools,
                     const std::string& extra = "") {
    return R"({"model":"sonnet","messages":)" + messagesJson + R"(,"tools":[)" + tools + "]" +
           (extra.empty() ? "" : "," + extra) + "}";
}

std::string jsonString(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return buffer.GetString();
}

std::string userMessages(const std::string& text) {
    return R"([{"role":"user","content":)" + jsonString(text) + "}]";
}

}  // namespace

TEST_CASE("a full tool loop: tools -> tool_calls -> tool result -> final answer") {
    Harness h;
    // Turn 1: the model calls the tool, after a sentence of its own.
    const std::string reply1 = "Let me check.\n" + callBlock("get_weather", R"({"city":"Paris"})");
    const auto first = h.chat(toolBody(
        userMessages("What is the weather in Paris? " + replyMarker(reply1)), kWeatherTool));
    INFO("first: " << first.body);
    REQUIRE(first.status == 200);
    const auto body1 = parseJson(first.body);
    CHECK(stringAt(body1, "/choices/0/finish_reason") == "tool_calls");
    CHECK(stringAt(body1, "/choices/0/message/content") == "Let me check.");
    const auto& calls = body1["choices"][0]["message"]["tool_calls"];
    REQUIRE(calls.Size() == 1);
    CHECK(std::string(calls[0]["type"].GetString()) == "function");
    const std::string callId = calls[0]["id"].GetString();
    CHECK(callId.rfind("call_", 0) == 0);
    CHECK(std::string(calls[0]["function"]["name"].GetString()) == "get_weather");
    // arguments is a JSON *string* holding the object.
    REQUIRE(calls[0]["function"]["arguments"].IsString());
    const auto arguments = parseJson(calls[0]["function"]["arguments"].GetString());
    CHECK(stringAt(arguments, "/city") == "Paris");

    // The instructions for the offered tool reached the model's system prompt.
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].body.find("get_weather") != std::string::npos);
    CHECK(requests[0].body.find("tool_call") != std::string::npos);

    // Turn 2: the client runs the tool and sends the result back.
    const std::string history =
        R"([{"role":"user","content":"What is the weather in Paris?"},)"
        R"({"role":"assistant","content":"Let me check.","tool_calls":[{"id":")" +
        callId +
        R"(","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},)"
        R"({"role":"tool","tool_call_id":")" +
        callId + R"(","content":)" +
        jsonString("18C and sunny " + replyMarker("It is 18C and sunny in Paris.")) + "}]";
    const auto second = h.chat(toolBody(history, kWeatherTool));
    INFO("second: " << second.body);
    REQUIRE(second.status == 200);
    const auto body2 = parseJson(second.body);
    CHECK(stringAt(body2, "/choices/0/finish_reason") == "stop");
    CHECK(stringAt(body2, "/choices/0/message/content") == "It is 18C and sunny in Paris.");
    CHECK_FALSE(body2["choices"][0]["message"].HasMember("tool_calls"));
    // The history reached the model in the handler's protocol: the call and its result.
    const auto& sent = h.mock.requests().at(1).body;
    CHECK(sent.find("18C and sunny") != std::string::npos);
    CHECK(sent.find("get_weather") != std::string::npos);
    CHECK(sent.find(callId) != std::string::npos);
}

TEST_CASE("two parallel calls come back as two tool_calls with distinct ids") {
    Harness h;
    const std::string reply = callBlock("get_weather", R"({"city":"Oslo"})") + "\n" +
                              callBlock("get_time", R"({"zone":"Europe/Oslo"})");
    const auto response =
        h.chat(toolBody(userMessages("Weather and time in Oslo? " + replyMarker(reply)),
                        kWeatherTool + "," + kTimeTool));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    const auto& calls = body["choices"][0]["message"]["tool_calls"];
    REQUIRE(calls.Size() == 2);
    CHECK(std::string(calls[0]["function"]["name"].GetString()) == "get_weather");
    CHECK(std::string(calls[1]["function"]["name"].GetString()) == "get_time");
    CHECK(std::string(calls[0]["id"].GetString()) != std::string(calls[1]["id"].GetString()));
    // A turn made only of calls has null content, as OpenAI sends it.
    CHECK(body["choices"][0]["message"]["content"].IsNull());
}

TEST_CASE("with parallel_tool_calls false only the first call is returned") {
    Harness h;
    const std::string reply = callBlock("get_weather", R"({"city":"Oslo"})") + "\n" +
                              callBlock("get_time", R"({"zone":"UTC"})");
    const auto response =
        h.chat(toolBody(userMessages("both " + replyMarker(reply)), kWeatherTool + "," + kTimeTool,
                        R"("parallel_tool_calls":false)"));
    const auto body = parseJson(response.body);
    REQUIRE(body["choices"][0]["message"]["tool_calls"].Size() == 1);
}

TEST_CASE("calls to tools that were not offered, or with bad arguments, are not returned") {
    Harness h;
    const std::string reply =
        callBlock("delete_everything", R"({"really":true})") + "\n" +
        "```tool_call\n{\"name\": \"get_weather\", \"arguments\": [1,2]}\n```";
    const auto response = h.chat(toolBody(userMessages("go " + replyMarker(reply)), kWeatherTool));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK_FALSE(body["choices"][0]["message"].HasMember("tool_calls"));
    CHECK(stringAt(body, "/choices/0/finish_reason") == "stop");
}

TEST_CASE("ordinary JSON and code in an answer are left alone") {
    Harness h;
    const std::string reply =
        "Here is the config:\n```json\n{\"name\": \"demo\", \"arguments\": {\"x\": 1}}\n```\n"
        "and code:\n```python\nprint({'a': 1})\n```";
    const auto response =
        h.chat(toolBody(userMessages("show me " + replyMarker(reply)), kWeatherTool));
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/choices/0/message/content") == reply);
    CHECK_FALSE(body["choices"][0]["message"].HasMember("tool_calls"));
}

TEST_CASE("a native tool_use block for an offered tool is a tool call, not an error") {
    Harness h;
    const auto response =
        h.chat(toolBody(userMessages("MOCK:tool_use=get_weather weather?"), kWeatherTool));
    INFO("body: " << response.body);
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/choices/0/finish_reason") == "tool_calls");
    const auto& calls = body["choices"][0]["message"]["tool_calls"];
    REQUIRE(calls.Size() == 1);
    CHECK(std::string(calls[0]["function"]["name"].GetString()) == "get_weather");
    const auto arguments = parseJson(calls[0]["function"]["arguments"].GetString());
    CHECK(claude_proxy::test_support::intAt(arguments, "/x") == 1);
}

TEST_CASE("streamed tool calls: text first, then tool-call deltas, then finish tool_calls") {
    Harness h;
    const std::string reply = "Checking now.\n" + callBlock("get_weather", R"({"city":"Rome"})");
    const auto response =
        h.chat(toolBody(userMessages("Rome? " + replyMarker(reply)), kWeatherTool,
                        R"("stream":true,"stream_options":{"include_usage":true})"));
    REQUIRE(response.status == 200);
    std::vector<rapidjson::Document> chunks;
    bool done = false;
    for (const auto& event : parseSseEvents(response.body)) {
        if (event.data == "[DONE]") {
            done = true;
            continue;
        }
        chunks.push_back(parseJson(event.data));
    }
    CHECK(done);
    std::string content;
    std::string name;
    std::string arguments;
    std::string id;
    std::string finish;
    bool sawToolDeltaBeforeContentEnded = false;
    for (const auto& chunk : chunks) {
        if (chunk["choices"].Empty()) {
            continue;
        }
        const auto& choice = chunk["choices"][0];
        const auto& delta = choice["delta"];
        if (delta.HasMember("content") && delta["content"].IsString()) {
            if (!name.empty()) {
                sawToolDeltaBeforeContentEnded = true;
            }
            content += delta["content"].GetString();
        }
        if (delta.HasMember("tool_calls")) {
            const auto& call = delta["tool_calls"][0];
            CHECK(call["index"].GetInt() == 0);
            if (call.HasMember("id")) {
                id = call["id"].GetString();
                CHECK(std::string(call["type"].GetString()) == "function");
            }
            if (call["function"].HasMember("name")) {
                name = call["function"]["name"].GetString();
            }
            arguments += call["function"]["arguments"].GetString();
        }
        if (choice["finish_reason"].IsString()) {
            finish = choice["finish_reason"].GetString();
        }
    }
    CHECK(content.find("Checking now.") == 0);
    CHECK(content.find("tool_call") == std::string::npos);
    CHECK_FALSE(sawToolDeltaBeforeContentEnded);
    CHECK(name == "get_weather");
    CHECK(id.rfind("call_", 0) == 0);
    CHECK(stringAt(parseJson(arguments), "/city") == "Rome");
    CHECK(finish == "tool_calls");
    CHECK(chunks.back()["usage"]["completion_tokens"].GetInt64() > 0);
}

TEST_CASE("a false refusal is retried once with a nudge, and the call comes through") {
    Harness h;
    // The refusal carries the marker for the retry's reply: the retry's user turn is the nudge
    // alone (the CLI already holds the refused reply), so the mock reads the reply's markers.
    const std::string refusal = "I'm sorry, but I don't have access to tools. " +
                                replyMarker(callBlock("get_weather", R"({"city":"Lima"})"));
    const auto response =
        h.chat(toolBody(userMessages("Weather in Lima? " + replyMarker(refusal)), kWeatherTool));
    INFO("body: " << response.body);
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/choices/0/finish_reason") == "tool_calls");
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 2);
    // Both runs' tokens count.
    const auto outputTokens = body["usage"]["completion_tokens"].GetInt64();
    CHECK(outputTokens > 1);
    CHECK(h.proxy.waitForOutput("retrying with a nudge"));
}

TEST_CASE("a plain answer after a tool result is not treated as a refusal") {
    Harness h;
    const std::string history =
        R"([{"role":"user","content":"weather?"},)"
        R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",)"
        R"("function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},)"
        R"({"role":"tool","tool_call_id":"call_1","content":)" +
        jsonString("-3C " + replyMarker("I cannot say more than that: it is -3C.")) + "}]";
    const auto response = h.chat(toolBody(history, kWeatherTool));
    REQUIRE(response.status == 200);
    CHECK(h.mock.requests().size() == 1);
}

TEST_CASE("tool_choice none: no instructions, a plain answer") {
    Harness h;
    const auto response =
        h.chat(toolBody(userMessages("hi MOCK:echo"), kWeatherTool, R"("tool_choice":"none")"));
    REQUIRE(response.status == 200);
    const auto echo = parseJson(stringAt(parseJson(response.body), "/choices/0/message/content"));
    CHECK(std::string(echo["system"].GetString()).find("get_weather") == std::string::npos);
}

TEST_CASE("tool_choice required: a model that never calls gets a retry, then a clear error") {
    Harness h;
    const auto response = h.chat(toolBody(userMessages("hi " + replyMarker("Just chatting.")),
                                          kWeatherTool, R"("tool_choice":"required")"));
    CHECK(response.status == 502);
    CHECK(stringAt(parseJson(response.body), "/error/code") == "tool_call_missing");
    CHECK(h.mock.requests().size() == 2);
}

TEST_CASE("a named tool_choice keeps only calls to that tool") {
    Harness h;
    const std::string choice =
        R"("tool_choice":{"type":"function","function":{"name":"get_time"}})";
    const auto good = h.chat(
        toolBody(userMessages("time? " + replyMarker(callBlock("get_time", R"({"zone":"UTC"})"))),
                 kWeatherTool + "," + kTimeTool, choice));
    REQUIRE(good.status == 200);
    CHECK(stringAt(parseJson(good.body), "/choices/0/message/tool_calls/0/function/name") ==
          "get_time");

    const auto wrong = h.chat(
        toolBody(userMessages("time? " + replyMarker(callBlock("get_weather", R"({"city":"x"})"))),
                 kWeatherTool + "," + kTimeTool, choice));
    CHECK(wrong.status == 502);
    CHECK(stringAt(parseJson(wrong.body), "/error/code") == "tool_call_missing");
}

TEST_CASE("invalid tool definitions and choices are 400s") {
    Harness h;
    const auto badChoice =
        h.chat(toolBody(userMessages("hi"), kWeatherTool,
                        R"("tool_choice":{"type":"function","function":{"name":"nope"}})"));
    CHECK(badChoice.status == 400);
    CHECK(stringAt(parseJson(badChoice.body), "/error/param") == "tool_choice.function.name");
    const auto badTool =
        h.chat(toolBody(userMessages("hi"), R"({"type":"function","function":{"name":"a b"}})"));
    CHECK(badTool.status == 400);
    CHECK(h.mock.requests().empty());
}

TEST_CASE("X-Toolcall-Module selects a loaded handler, unknown names are 400") {
    Harness h;
    const auto modules = parseJson(get(h.proxy.port(), "/v1/toolcall-modules").body);
    std::vector<std::string> names;
    for (const auto& module : modules["data"].GetArray()) {
        names.emplace_back(module["name"].GetString());
        CHECK(std::string(module["version"].GetString()).size() > 0);
    }
    CHECK(std::find(names.begin(), names.end(), "generic") != names.end());
    CHECK(std::find(names.begin(), names.end(), "evonic") != names.end());
    CHECK(stringAt(modules, "/default") == "generic");

    const auto unknown = h.chat(toolBody(userMessages("hi"), kWeatherTool),
                                {{"X-Toolcall-Module", "../../etc/passwd"}});
    CHECK(unknown.status == 400);
    const auto error = parseJson(unknown.body);
    CHECK(stringAt(error, "/error/code") == "unknown_toolcall_module");
    CHECK(stringAt(error, "/error/message").find("generic") != std::string::npos);
    CHECK(h.mock.requests().empty());
}

TEST_CASE("the evonic handler maps a namespaced tool name back to the offered one") {
    Harness h;
    const std::string tool =
        R"({"type":"function","function":{"name":"fs.read_file","description":"Read a file",)"
        R"("parameters":{"type":"object","properties":{"path":{"type":"string"}}}}})";
    // The model wrote the name with '_' instead of '.': evonic maps it, generic does not.
    const std::string reply = callBlock("fs_read_file", R"({"path":"/tmp/a"})");
    const auto viaEvonic = h.chat(toolBody(userMessages("read " + replyMarker(reply)), tool),
                                  {{"X-Toolcall-Module", "evonic"}});
    REQUIRE(viaEvonic.status == 200);
    CHECK(stringAt(parseJson(viaEvonic.body), "/choices/0/message/tool_calls/0/function/name") ==
          "fs.read_file");
    const auto viaGeneric = h.chat(toolBody(userMessages("read " + replyMarker(reply)), tool));
    REQUIRE(viaGeneric.status == 200);
    CHECK_FALSE(parseJson(viaGeneric.body)["choices"][0]["message"].HasMember("tool_calls"));
}
