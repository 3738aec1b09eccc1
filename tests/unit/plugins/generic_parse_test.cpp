#include <doctest/doctest.h>

#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"
#include "reply_corpus.hpp"

namespace claude_proxy::plugins::test {

TEST_CASE("generic parseReply splits every corpus reply into content and calls") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    for (const auto& item : replyCorpus()) {
        INFO("case: " << item.label);
        const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), item.reply);
        CHECK(parsed.content == item.content);
        INFO("calls: " << describeCalls(parsed.toolCalls));
        CHECK(sameCalls(parsed.toolCalls, item.calls));
    }
}

TEST_CASE("a json fence becomes a call only for offered tools") {
    const GenericHandler handler;
    const std::string reply =
        "```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n```";
    const RequestFixture withTool(standardTools());
    CHECK(handler.parseReply(withTool.request(), reply).toolCalls.size() == 1);

    const RequestFixture withoutTool({{"search_web", "", "{}"}});
    const sdk::ParsedReply parsed = handler.parseReply(withoutTool.request(), reply);
    CHECK(parsed.toolCalls.empty());
    CHECK(parsed.content == reply);
}

TEST_CASE("with parallel tool calls off only the first call is returned") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools(), sdk::ToolChoice::Auto, "", false);
    const std::string reply =
        "Both.\n```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n"
        "```\n```tool_call\n{\"name\": \"get_time\", \"arguments\": {}}\n```";
    const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), reply);
    REQUIRE(parsed.toolCalls.size() == 1);
    CHECK(parsed.toolCalls[0].name == "get_weather");
    CHECK(parsed.content == "Both.");
}

TEST_CASE("the generic handler matches tool names exactly") {
    const GenericHandler handler;
    const RequestFixture fixture(agentTools());
    const std::string reply =
        "```tool_call\n{\"name\": \"fs_read_file\", \"arguments\": {\"path\": \"a.txt\"}}\n```";
    const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), reply);
    CHECK(parsed.toolCalls.empty());
    CHECK(parsed.content == reply);

    const std::string exact =
        "```tool_call\n{\"name\": \"fs.read_file\", \"arguments\": {\"path\": \"a.txt\"}}\n```";
    const sdk::ParsedReply found = handler.parseReply(fixture.request(), exact);
    REQUIRE(found.toolCalls.size() == 1);
    CHECK(found.toolCalls[0].name == "fs.read_file");
}

TEST_CASE("calls after ordinary code keep the code untouched") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string code = "```python\nfor i in range(3):\n    print({i: i})\n```";
    const std::string reply =
        code +
        "\n\n```tool_call\n{\"name\": \"run_python\", \"arguments\": {\"code\": "
        "\"print(1)\"}}\n```";
    const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), reply);
    CHECK(parsed.content == code);
    REQUIRE(parsed.toolCalls.size() == 1);
    CHECK(parsed.toolCalls[0].argumentsJson == R"~({"code":"print(1)"})~");
}

}  // namespace claude_proxy::plugins::test
