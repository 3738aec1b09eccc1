#include "cli/stream_input.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

using claude_proxy::cli::userTurnLine;

TEST_CASE("a user turn is one JSON line with one text block") {
    const std::string text = "line one\nline \"two\" \\ --flag \xe2\x82\xac";
    const std::string line = userTurnLine(text);
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);  // embedded newlines are escaped
    rapidjson::Document document;
    document.Parse(line.data(), line.size() - 1);
    REQUIRE_FALSE(document.HasParseError());
    CHECK(std::string(document["type"].GetString()) == "user");
    const auto& message = document["message"];
    CHECK(std::string(message["role"].GetString()) == "user");
    REQUIRE(message["content"].Size() == 1);
    CHECK(std::string(message["content"][0]["type"].GetString()) == "text");
    CHECK(std::string(message["content"][0]["text"].GetString()) == text);
}

TEST_CASE("ill-formed UTF-8 never makes the line invalid JSON") {
    const std::string line = userTurnLine("bad \xff\xfe bytes");
    rapidjson::Document document;
    document.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size() - 1);
    CHECK_FALSE(document.HasParseError());
}
