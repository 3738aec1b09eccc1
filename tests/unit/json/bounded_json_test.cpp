#include "json/bounded_json.hpp"

#include <doctest/doctest.h>

#include <string>

namespace claude_proxy::json {
namespace {

std::string nestedArrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

TEST_CASE("documents up to the depth limit parse and write back compactly") {
    rapidjson::Document document;
    const auto result = parse(document, " {\"a\" : [1, 2.5, \"x\", null, true, {}]} ");
    REQUIRE(result.ok());
    CHECK(compact(document) == R"({"a":[1,2.5,"x",null,true,{}]})");

    const auto deepest = nestedArrays(kMaxDepth);
    REQUIRE(parse(document, deepest).ok());
    CHECK(compact(document) == deepest);
}

TEST_CASE("one level more than the limit is refused as too deep, not as a syntax error") {
    rapidjson::Document document;
    const auto result = parse(document, nestedArrays(kMaxDepth + 1));
    CHECK(result.status == ParseStatus::TooDeep);
    CHECK(result.offset == kMaxDepth);
    CHECK(document.IsNull());
}

TEST_CASE("200,000 opening brackets neither crash nor take more than one linear pass") {
    // The input of the outside review: a recursive parser overflows the stack on it.
    for (const char bracket : {'[', '{'}) {
        rapidjson::Document document;
        const std::string hostile(200000, bracket);
        const auto result = parse(document, hostile);
        CHECK(result.status == (bracket == '[' ? ParseStatus::TooDeep : ParseStatus::Syntax));
    }
    rapidjson::Document document;
    std::string objects;
    for (int i = 0; i < 100000; ++i) {
        objects += "{\"a\":";
    }
    CHECK(parse(document, objects).status == ParseStatus::TooDeep);
}

TEST_CASE("a custom limit applies, and mixed objects and arrays count alike") {
    rapidjson::Document document;
    ParseOptions options;
    options.maxDepth = 3;
    CHECK(parse(document, R"({"a":[{"b":1}]})", options).ok());
    CHECK(parse(document, R"({"a":[{"b":[]}]})", options).status == ParseStatus::TooDeep);
    // Closing levels gives the depth back: siblings do not add up.
    CHECK(parse(document, R"([[[1]],[[2]],[[3]]])", options).ok());
}

TEST_CASE("syntax errors say why and where") {
    rapidjson::Document document;
    const auto result = parse(document, R"({"a":1,})");
    CHECK(result.status == ParseStatus::Syntax);
    CHECK(result.offset == 7);
    CHECK_FALSE(result.message.empty());
    CHECK(parse(document, "").status == ParseStatus::Syntax);
    CHECK(parse(document, "[1] [2]").status == ParseStatus::Syntax);
}

TEST_CASE("ill-formed UTF-8 is refused only when validation is asked for") {
    rapidjson::Document document;
    const std::string latin1 = "[\"caf\xe9\"]";
    CHECK(parse(document, latin1).ok());
    ParseOptions strict;
    strict.validateUtf8 = true;
    CHECK(parse(document, latin1, strict).status == ParseStatus::Syntax);
    CHECK(parse(document, "[\"caf\xc3\xa9\"]", strict).ok());
}

}  // namespace claude_proxy::json
