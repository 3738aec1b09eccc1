#include <doctest/doctest.h>

#include <array>
#include <random>
#include <string>
#include <string_view>

#include "common/text_util.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"

namespace claude_proxy::plugins::test {
namespace {

// Pieces of replies, chosen to collide: fence openers and closers of several lengths, call
// bodies, tags, partial markers, line endings, multi-byte characters.
constexpr std::array<std::string_view, 36> kFragments = {
    "Hello",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "   ",
    "`",
    "``",
    "```",
    "````",
    "```tool_call\n",
    "```json\n",
    "```python\n",
    "```\n",
    "````markdown\n",
    "```tool-call  \r\n",
    R"({"name": "get_weather", "arguments": {"city": "Paris"}})",
    R"({"name": "get_time"})",
    R"({"name": "nope", "arguments": {}})",
    R"([{"name": "get_time", "arguments": {}}])",
    R"({"a": "}{\"", "b": [1, {"c": "]"}]})",
    "{",
    "}",
    "\"",
    "\\",
    "<tool_call>",
    "</tool_call>",
    "<tool_",
    "<",
    "<b>",
    "東京",
    "🎉",
    "\xc3\xa9",
    "```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Rome\"}}\n```\n",
    "<tool_call>{\"name\": \"get_time\", \"arguments\": {}}</tool_call>",
    "```json\n{\"name\": \"get_time\", \"arguments\": {}}\n```",
};

}  // namespace

TEST_CASE("random compositions of reply fragments keep the streaming contract") {
    // Every prefix through safeContentLength and, byte by byte, through beginStream's scanner.
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    std::mt19937 random(20240611U);
    std::uniform_int_distribution<std::size_t> pick(0, kFragments.size() - 1);
    std::uniform_int_distribution<int> length(1, 14);
    std::size_t withCalls = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string reply;
        const int pieces = length(random);
        for (int i = 0; i < pieces; ++i) {
            reply += kFragments[pick(random)];
        }
        const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), reply);
        if (!parsed.toolCalls.empty()) {
            ++withCalls;
        }
        const auto scanner = handler.beginStream(fixture.request());
        std::size_t previous = 0;
        for (std::size_t size = 0; size <= reply.size(); ++size) {
            const std::string_view prefix(reply.data(), size);
            const std::size_t safe = handler.safeContentLength(fixture.request(), prefix);
            INFO("reply: [" << reply << "] prefix length " << size << " safe " << safe);
            if (size > 0) {
                // The resumable scanner, fed the same bytes one by one, agrees at every step.
                REQUIRE(scanner->feed(prefix.substr(size - 1)) == safe);
            }
            REQUIRE(safe <= size);
            REQUIRE(safe >= previous);
            REQUIRE(completeUtf8Length(prefix.substr(0, safe)) == safe);
            REQUIRE(parsed.content.compare(0, safe, prefix.substr(0, safe)) == 0);
            previous = safe;
        }
    }
    // The generator must really produce calls, or the test proves little.
    CHECK(withCalls > 100);
}

}  // namespace claude_proxy::plugins::test
