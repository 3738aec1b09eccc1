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

namespace {

claude_proxy::openai::MediaPart media(std::string type, std::string data, std::size_t offset) {
    claude_proxy::openai::MediaPart part;
    part.mediaType = std::move(type);
    part.base64 = std::move(data);
    part.offset = offset;
    return part;
}

rapidjson::Document parsedLine(const std::string& line) {
    REQUIRE(line.back() == '\n');
    rapidjson::Document document;
    document.Parse(line.data(), line.size() - 1);
    REQUIRE_FALSE(document.HasParseError());
    return document;
}

}  // namespace

TEST_CASE("a user turn with media cuts its text at each offset, blocks in order") {
    // "look at " [png] "and " [pdf] "please" [jpeg]
    const std::string text = "look at and please";
    const auto line = userTurnLine(
        text, {media("image/png", "iVBORw0KGgo=", 8), media("application/pdf", "JVBERi0=", 12),
               media("image/jpeg", "/9j/4A==", text.size())});
    const auto document = parsedLine(line);
    const auto& content = document["message"]["content"];
    REQUIRE(content.Size() == 6);
    const auto type = [&](rapidjson::SizeType i) {
        return std::string(content[i]["type"].GetString());
    };
    CHECK(type(0) == "text");
    CHECK(std::string(content[0]["text"].GetString()) == "look at ");
    CHECK(type(1) == "image");
    CHECK(std::string(content[1]["source"]["type"].GetString()) == "base64");
    CHECK(std::string(content[1]["source"]["media_type"].GetString()) == "image/png");
    CHECK(std::string(content[1]["source"]["data"].GetString()) == "iVBORw0KGgo=");
    CHECK(type(2) == "text");
    CHECK(std::string(content[2]["text"].GetString()) == "and ");
    CHECK(type(3) == "document");
    CHECK(std::string(content[3]["source"]["media_type"].GetString()) == "application/pdf");
    CHECK(std::string(content[3]["source"]["data"].GetString()) == "JVBERi0=");
    CHECK(type(4) == "text");
    CHECK(std::string(content[4]["text"].GetString()) == "please");
    CHECK(type(5) == "image");
    CHECK(std::string(content[5]["source"]["media_type"].GetString()) == "image/jpeg");
}

TEST_CASE("a user turn with media leaves out text pieces that are empty or only whitespace") {
    const auto onlyImage = parsedLine(userTurnLine("", {media("image/gif", "R0lGODlh", 0)}));
    REQUIRE(onlyImage["message"]["content"].Size() == 1);
    CHECK(std::string(onlyImage["message"]["content"][0]["type"].GetString()) == "image");

    // Two image-only messages joined by a blank line: no whitespace block between them.
    const auto two = parsedLine(userTurnLine(
        "\n\n", {media("image/gif", "R0lGODlh", 0), media("image/gif", "R0lGODlh", 2)}));
    REQUIRE(two["message"]["content"].Size() == 2);

    // An image first, then the text.
    const auto first = parsedLine(userTurnLine("caption", {media("image/png", "iVBO", 0)}));
    REQUIRE(first["message"]["content"].Size() == 2);
    CHECK(std::string(first["message"]["content"][0]["type"].GetString()) == "image");
    CHECK(std::string(first["message"]["content"][1]["text"].GetString()) == "caption");
}

TEST_CASE("a user turn without media is unchanged by the media support") {
    CHECK(userTurnLine("hi", {}) == userTurnLine("hi"));
    CHECK(userTurnLine("") ==
          "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\","
          "\"text\":\"\"}]}}\n");
}
