// The control requests that configure a process and its next turns.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/stream_input.hpp"

using namespace claude_proxy::cli;

namespace {

rapidjson::Document parseLine(const std::string& line) {
    REQUIRE(!line.empty());
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    rapidjson::Document document;
    document.Parse(line.data(), line.size() - 1);
    REQUIRE_FALSE(document.HasParseError());
    CHECK(std::string(document["type"].GetString()) == "control_request");
    return document;
}

}  // namespace

TEST_CASE("initialize carries the client's schema as a JSON object, not as a string") {
    const auto document =
        parseLine(initializeLine("r1", "be brief", false, std::string(R"({"type":"object"})")));
    CHECK(std::string(document["request_id"].GetString()) == "r1");
    const auto& request = document["request"];
    CHECK(std::string(request["subtype"].GetString()) == "initialize");
    CHECK(std::string(request["systemPrompt"].GetString()) == "be brief");
    REQUIRE(request["jsonSchema"].IsObject());
    CHECK(std::string(request["jsonSchema"]["type"].GetString()) == "object");
}

TEST_CASE("initialize without a schema has no jsonSchema key, append uses appendSystemPrompt") {
    const auto document = parseLine(initializeLine("r2", "extra", true));
    const auto& request = document["request"];
    CHECK_FALSE(request.HasMember("jsonSchema"));
    CHECK_FALSE(request.HasMember("systemPrompt"));
    CHECK(std::string(request["appendSystemPrompt"].GetString()) == "extra");
}

TEST_CASE("turn settings set effort and the output limit, or restore the defaults") {
    SUBCASE("both set") {
        const auto document = parseLine(turnSettingsLine("s1", std::string("high"), 37));
        const auto& request = document["request"];
        CHECK(std::string(request["subtype"].GetString()) == "apply_flag_settings");
        const auto& settings = request["settings"];
        CHECK(std::string(settings["effortLevel"].GetString()) == "high");
        CHECK(std::string(settings["env"]["CLAUDE_CODE_MAX_OUTPUT_TOKENS"].GetString()) == "37");
    }
    SUBCASE("neither set: null effort and an empty limit (the CLI's defaults)") {
        const auto document = parseLine(turnSettingsLine("s2", std::nullopt, std::nullopt));
        const auto& settings = document["request"]["settings"];
        CHECK(settings["effortLevel"].IsNull());
        CHECK(std::string(settings["env"]["CLAUDE_CODE_MAX_OUTPUT_TOKENS"].GetString()).empty());
    }
}

TEST_CASE("set_model names the model") {
    const auto document = parseLine(setModelLine("m1", "claude-opus-4-1"));
    CHECK(std::string(document["request"]["subtype"].GetString()) == "set_model");
    CHECK(std::string(document["request"]["model"].GetString()) == "claude-opus-4-1");
}
