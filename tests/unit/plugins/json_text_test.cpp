#include <doctest/doctest.h>

#include <string>

#include "common/json_scan.hpp"
#include "common/json_text.hpp"

namespace claude_proxy::plugins {

TEST_CASE("scanBalanced finds the end of nested objects and arrays") {
    const std::string text = R"(x {"a": [1, {"b": "}]"}], "c": {}} tail)";
    const BalanceScan scan = scanBalanced(text, 2);
    CHECK(scan.status == BalanceStatus::Complete);
    CHECK(text.substr(2, scan.end - 2) == R"({"a": [1, {"b": "}]"}], "c": {}})");

    const BalanceScan array = scanBalanced("[[], [[]]] x", 0);
    CHECK(array.status == BalanceStatus::Complete);
    CHECK(array.end == 10);
}

TEST_CASE("scanBalanced honours escapes inside strings") {
    const std::string text = R"({"a": "quote \" brace } backslash \\", "b": 1})";
    const BalanceScan scan = scanBalanced(text, 0);
    CHECK(scan.status == BalanceStatus::Complete);
    CHECK(scan.end == text.size());
    CHECK(scanBalanced(R"({"a": "\\"})", 0).end == 11);
}

TEST_CASE("scanBalanced tells incomplete from invalid") {
    CHECK(scanBalanced(R"({"a": [1, 2)", 0).status == BalanceStatus::Incomplete);
    CHECK(scanBalanced(R"({"a": "}")", 0).status == BalanceStatus::Incomplete);
    CHECK(scanBalanced(R"({"a": 1])", 0).status == BalanceStatus::Invalid);
    CHECK(scanBalanced("abc", 0).status == BalanceStatus::Invalid);
    CHECK(scanBalanced("{", 5).status == BalanceStatus::Invalid);
    const std::string deep = std::string(65, '[') + std::string(65, ']');
    CHECK(scanBalanced(deep, 0).status == BalanceStatus::Invalid);
    const std::string ok = std::string(64, '[') + std::string(64, ']');
    CHECK(scanBalanced(ok, 0).status == BalanceStatus::Complete);
}

TEST_CASE("isValidJson accepts one value and rejects the rest") {
    CHECK(isValidJson(R"( {"a": [1, 2.5e3, true, null, "x"]} )"));
    CHECK(isValidJson("\"text\""));
    CHECK_FALSE(isValidJson(R"({"a": 1} {"b": 2})"));
    CHECK_FALSE(isValidJson(R"({"a": 1,})"));
    CHECK_FALSE(isValidJson("{'a': 1}"));
    CHECK_FALSE(isValidJson(""));
    CHECK_FALSE(isValidJson("{\"a\": \"line\nbreak\"}"));
    CHECK_FALSE(isValidJson(std::string(80, '[') + std::string(80, ']')));
}

TEST_CASE("compactJson drops whitespace between tokens only") {
    CHECK(compactJson("{ \"a b\" : [ 1 , \"x  y\\\" z\" ],\n\t\"c\": {} }") ==
          R"({"a b":[1,"x  y\" z"],"c":{}})");
    CHECK(compactJson(R"({"n": 12345678901234567890123, "f": 1.50})") ==
          R"({"n":12345678901234567890123,"f":1.50})");
    CHECK(compactJson(R"({"e": "\u00e9 é 🎉"})") == R"({"e":"\u00e9 é 🎉"})");
}

TEST_CASE("objectMembers and arrayElements view the original text") {
    const auto members = objectMembers(R"({"name": "x", "args": {"a": [1, "]"]}, "n": -1.5e2})");
    REQUIRE(members);
    REQUIRE(members->size() == 3);
    CHECK((*members)[0].key == "name");
    CHECK((*members)[0].value == "\"x\"");
    CHECK((*members)[1].value == R"({"a": [1, "]"]})");
    CHECK((*members)[2].value == "-1.5e2");
    CHECK_FALSE(objectMembers("[1]"));

    const auto escapedKey = objectMembers(R"({"na\u006de": 1})");
    REQUIRE(escapedKey);
    CHECK((*escapedKey)[0].key == "name");

    const auto elements = arrayElements(R"([ {"a": 1}, "s,]", 3 ])");
    REQUIRE(elements);
    REQUIRE(elements->size() == 3);
    CHECK((*elements)[1] == R"("s,]")");
    CHECK(arrayElements("[]")->empty());
}

TEST_CASE("decodeJsonString and quoteJsonString are inverse") {
    CHECK(decodeJsonString(R"("a\"b\\c\n\u00e9")") == std::string("a\"b\\c\n\xc3\xa9"));
    CHECK_FALSE(decodeJsonString("42"));
    for (const std::string text : {"plain", "quote \" and \\ and \n\t", "東京 🗼", ""}) {
        CHECK(decodeJsonString(quoteJsonString(text)) == text);
    }
}

TEST_CASE("escapeControlCharactersInStrings repairs raw line breaks inside strings only") {
    CHECK(escapeControlCharactersInStrings("{\"code\": \"a\nb\tc\"}\n") ==
          "{\"code\": \"a\\nb\\tc\"}\n");
    CHECK(escapeControlCharactersInStrings("{\"a\": \"x\\\"\ny\"}") == "{\"a\": \"x\\\"\\ny\"}");
}

}  // namespace claude_proxy::plugins
