#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "common/call_decoder.hpp"

namespace claude_proxy::plugins {
namespace {

std::optional<std::string> offered(std::string_view name) {
    if (name == "get_weather" || name == "get_time") {
        return std::string(name);
    }
    return std::nullopt;
}

std::size_t count(std::string_view body, DecodeMode mode) {
    const auto calls = decodeCalls(body, mode, offered);
    return calls ? calls->size() : 0;
}

}  // namespace

TEST_CASE("strict mode accepts exactly one call-shaped value") {
    CHECK(count(R"({"name": "get_weather", "arguments": {"city": "Oslo"}})", DecodeMode::Strict) ==
          1);
    CHECK(count(R"({"id": "c1", "type": "function", "name": "get_time", "arguments": {}})",
                DecodeMode::Strict) == 1);
    CHECK(count(R"([{"name": "get_time", "input": {}}, {"name": "get_time", "parameters": {}}])",
                DecodeMode::Strict) == 2);
    // Normal JSON that only resembles a call stays content.
    CHECK(count(R"({"name": "get_time"})", DecodeMode::Strict) == 0);
    CHECK(count(R"({"name": "get_time", "arguments": {}, "extra": 1})", DecodeMode::Strict) == 0);
    CHECK(count(R"({"name": "get_time", "arguments": {}, "input": {}})", DecodeMode::Strict) == 0);
    CHECK(count(R"({"type": "tool", "name": "get_time", "arguments": {}})", DecodeMode::Strict) ==
          0);
    CHECK(count(R"({"name": "get_time", "arguments": {}} {"name": "get_time", "arguments": {}})",
                DecodeMode::Strict) == 0);
    CHECK(count("[]", DecodeMode::Strict) == 0);
}

TEST_CASE("lenient mode accepts the shapes models write in explicit call blocks") {
    CHECK(count(R"({"name": "get_time"})", DecodeMode::Lenient) == 1);
    CHECK(count(R"({"name": "get_time", "arguments": null})", DecodeMode::Lenient) == 1);
    CHECK(count(R"({"name": "get_time", "arguments": ""})", DecodeMode::Lenient) == 1);
    CHECK(count(R"({"name": "get_time", "args": {}, "reason": "user asked"})",
                DecodeMode::Lenient) == 1);
    CHECK(count(R"({"name": "get_time", "arguments": {}}, {"name": "get_time", "arguments": {}})",
                DecodeMode::Lenient) == 2);
    CHECK(count(R"({"tool_calls": [{"function": {"name": "get_time", "arguments": "{}"}}]})",
                DecodeMode::Lenient) == 1);
}

TEST_CASE("one bad call makes the whole block content") {
    CHECK(count(R"([{"name": "get_time", "arguments": {}}, {"name": "nope", "arguments": {}}])",
                DecodeMode::Lenient) == 0);
    CHECK(count(R"({"name": "get_time", "arguments": {}} trailing)", DecodeMode::Lenient) == 0);
    CHECK(count(R"({"name": 7, "arguments": {}})", DecodeMode::Lenient) == 0);
    CHECK(count(R"({"name": "", "arguments": {}})", DecodeMode::Lenient) == 0);
    CHECK(count(R"({"name": "get_time", "arguments": "[1]"})", DecodeMode::Lenient) == 0);
    CHECK(count(R"({"name": "get_time", "arguments": "not json"})", DecodeMode::Lenient) == 0);
    CHECK(count(R"({"name": "get_time", "arguments": 3})", DecodeMode::Lenient) == 0);
    CHECK(count("", DecodeMode::Lenient) == 0);
}

TEST_CASE("decoded arguments are compact and keep their bytes") {
    const auto calls = decodeCalls(
        R"({"name": "get_weather", "arguments": "{ \"city\" : \"S\u00e3o Paulo\", \"n\": 1.0 }"})",
        DecodeMode::Lenient, offered);
    REQUIRE(calls);
    REQUIRE(calls->size() == 1);
    CHECK((*calls)[0].argumentsJson == "{\"city\":\"S\xc3\xa3o Paulo\",\"n\":1.0}");
}

TEST_CASE("the resolver's answer is the name a call carries") {
    const NameResolver upper = [](std::string_view name) -> std::optional<std::string> {
        return name == "x.y" ? std::optional<std::string>("x_y") : std::nullopt;
    };
    const auto calls =
        decodeCalls(R"({"name": "x.y", "arguments": {}})", DecodeMode::Strict, upper);
    REQUIRE(calls);
    CHECK((*calls)[0].name == "x_y");
}

}  // namespace claude_proxy::plugins
