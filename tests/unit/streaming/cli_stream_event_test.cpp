#include "streaming/cli_stream_event.hpp"

#include <doctest/doctest.h>

#include <string>

namespace claude_proxy::streaming {

TEST_CASE("a native tool_use block's input is kept as compact JSON") {
    const auto event = parseStreamLine(
        R"({"type":"assistant","parent_tool_use_id":null,"message":{"content":[)"
        R"({"type":"tool_use","id":"t1","name":"get_weather","input":{ "city" : "Paris" }}]}})");
    REQUIRE(event.kind == CliStreamEvent::Kind::ToolUse);
    REQUIRE(event.toolUses.size() == 1);
    CHECK(event.toolUses[0].name == "get_weather");
    CHECK(event.toolUses[0].inputJson == R"({"city":"Paris"})");
}

TEST_CASE("a line nested deeper than any real event is invalid, not a crash") {
    // A model can make the CLI print a tool input nested arbitrarily deep.
    const std::string deep(200000, '[');
    const auto event = parseStreamLine(
        R"({"type":"assistant","message":{"content":[{"type":"tool_use","name":"f","input":{"a":)" +
        deep + std::string(200000, ']') + "}}]}}");
    CHECK(event.kind == CliStreamEvent::Kind::Invalid);
    CHECK(parseStreamLine(std::string(200000, '{')).kind == CliStreamEvent::Kind::Invalid);
}

}  // namespace claude_proxy::streaming
