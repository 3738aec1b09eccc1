#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/json_text.hpp"
#include "common/protocol_text.hpp"
#include "common/schema_summary.hpp"
#include "common/text_util.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"

namespace claude_proxy::plugins::test {
namespace {

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("generic instructions list every tool with its schema and teach the fence") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string text = handler.renderInstructions(fixture.request());
    for (const auto& tool : standardTools()) {
        INFO("tool: " << tool.name);
        CHECK(contains(text, "### " + tool.name + "\n"));
        CHECK(contains(text, tool.description));
    }
    CHECK(contains(text, R"(Parameters (JSON Schema): {"type":"object","properties":{"query")"));
    CHECK(contains(text,
                   "```tool_call\n{\"name\": \"get_weather\", \"arguments\": "
                   "{\"city\": \"...\"}}\n```"));
    CHECK(contains(text, "```tool_result\n"));
    CHECK(contains(text, "several blocks"));
    CHECK(contains(text, "answer directly"));
}

TEST_CASE("the example call in the instructions is itself a valid call") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string text = handler.renderInstructions(fixture.request());
    const std::size_t start = text.find("```tool_call\n");
    REQUIRE(start != std::string::npos);
    const std::size_t end = text.find("\n```", start + 13);
    const std::string block = text.substr(start, end + 4 - start);
    const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), block);
    REQUIRE(parsed.toolCalls.size() == 1);
    CHECK(parsed.toolCalls[0].name == "get_weather");
    CHECK(parsed.content.empty());
}

TEST_CASE("instructions follow tool_choice and parallel_tool_calls") {
    const GenericHandler handler;
    const RequestFixture required(standardTools(), sdk::ToolChoice::Required);
    CHECK(contains(handler.renderInstructions(required.request()),
                   "you must call at least one of the tools"));

    const RequestFixture named(standardTools(), sdk::ToolChoice::Named, "search_web", false);
    const std::string text = handler.renderInstructions(named.request());
    CHECK(contains(text, "you must call the tool search_web, and no other tool"));
    CHECK(contains(text, "{\"name\": \"search_web\", \"arguments\": {\"query\": \"...\"}}"));
    CHECK(contains(text, "at most one tool per reply"));
    CHECK_FALSE(contains(text, "several blocks"));
}

TEST_CASE("an assistant turn renders as the protocol and parses back to the same calls") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    struct Turn {
        std::string content;
        std::vector<std::pair<std::string, std::string>> calls;  // name, arguments as sent
    };
    const std::vector<Turn> turns = {
        {"Let me check.", {{"get_weather", R"({"city": "Paris", "unit": "c"})"}}},
        {"", {{"get_time", "{}"}, {"search_web", R"({"query":"東京 🗼 \"quoted\" ```"})"}}},
        {"Several lines\n\nof text, with code:\n```python\nprint(1)\n```\nand more.",
         {{"run_python", "{\"code\": \"print('a')\\nprint(\\\"b\\\")\"}"}}},
        {"  ", {{"get_time", ""}}},
    };
    for (const auto& turn : turns) {
        INFO("content: " << turn.content);
        std::vector<sdk::ToolCall> calls;
        for (const auto& [name, arguments] : turn.calls) {
            calls.push_back({"call_1", name, arguments});
        }
        const std::string rendered = handler.renderAssistantTurn(turn.content, calls);
        INFO("rendered: " << rendered);
        const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), rendered);
        CHECK(parsed.content == std::string(trim(turn.content)));
        REQUIRE(parsed.toolCalls.size() == turn.calls.size());
        for (std::size_t i = 0; i < calls.size(); ++i) {
            CHECK(parsed.toolCalls[i].name == turn.calls[i].first);
            const std::string expected =
                turn.calls[i].second.empty() ? "{}" : compactJson(turn.calls[i].second);
            CHECK(parsed.toolCalls[i].argumentsJson == expected);
        }
    }
}

TEST_CASE("a rendered call block is exactly the taught format") {
    CHECK(renderCallBlock("get_weather", R"({ "city": "Paris" })") ==
          "```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\"}}\n```");
    // Arguments that are no JSON object are embedded as a string, keeping the block JSON.
    const std::string odd = renderCallBlock("get_time", "not json");
    CHECK(odd == "```tool_call\n{\"name\": \"get_time\", \"arguments\": \"not json\"}\n```");
}

TEST_CASE("tool results are fenced blocks whose fence outgrows the output's backticks") {
    const GenericHandler handler;
    const std::string plain = handler.renderToolResult("call_1", "get_weather", "18°C, rain");
    CHECK(plain ==
          "```tool_result\n{\"tool_call_id\": \"call_1\", \"name\": \"get_weather\"}\n"
          "18°C, rain\n```");

    const std::string withFence =
        handler.renderToolResult("call_\"2\"", "run_python", "```\nout\n```\n");
    CHECK(withFence.rfind("````tool_result\n{\"tool_call_id\": \"call_\\\"2\\\"\"", 0) == 0);
    CHECK(withFence.substr(withFence.size() - 16) == "```\nout\n```\n````");

    CHECK(handler.renderToolResult("c", "t", "") ==
          "```tool_result\n{\"tool_call_id\": \"c\", \"name\": \"t\"}\n```");
}

TEST_CASE("schema summaries read properties, types and required names") {
    const auto parameters = summarizeParameters(
        R"({"type":"object","properties":{"path":{"type":"string"},"n":{"type":["integer","null"]},)"
        R"("mode":{"enum":["a","b"]},"opts":{"properties":{}}},"required":["path"]})");
    REQUIRE(parameters.size() == 4);
    CHECK(parameters[0].name == "path");
    CHECK(parameters[0].required);
    CHECK(parameters[1].type == "integer|null");
    CHECK_FALSE(parameters[1].required);
    CHECK(parameters[2].type == "enum");
    CHECK(parameters[3].type == "object");
    CHECK(summarizeParameters("not json").empty());
    CHECK(summarizeParameters("{}").empty());

    CHECK(exampleArguments(R"({"properties":{"a":{"type":"integer"},"b":{"type":"string"}},)"
                           R"("required":["b"]})") == R"({"b": "..."})");
    CHECK(exampleArguments(R"({"properties":{"a":{"type":"boolean"},"b":{}}})") ==
          R"({"a": true})");
    CHECK(exampleArguments("{}") == "{}");
    CHECK(isValidJson(exampleArguments(standardTools()[0].parameters)));
}

TEST_CASE("firstSentence keeps one sentence and cuts at a character boundary") {
    CHECK(firstSentence("Read a file. Returns its text.", 100) == "Read a file.");
    CHECK(firstSentence("  Line one\nline two", 100) == "Line one");
    CHECK(firstSentence("Version 1.2 is out! More later.", 100) == "Version 1.2 is out!");
    CHECK(firstSentence("Ünïcödé text here", 4) == "Ün\xe2\x80\xa6");
    CHECK(firstSentence("", 10).empty());
}

}  // namespace claude_proxy::plugins::test
