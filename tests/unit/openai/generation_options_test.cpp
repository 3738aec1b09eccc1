// The chat completions fields that shape the answer: response_format, reasoning_effort, stop,
// max_tokens / max_completion_tokens.
#include "openai/generation_options.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

#include "openai/api_error.hpp"

using namespace claude_proxy::openai;

namespace {

GenerationOptions parseFields(const std::string& json, bool hasTools = false) {
    rapidjson::Document document;
    document.Parse(json.c_str());
    REQUIRE_FALSE(document.HasParseError());
    GenerationOptions options;
    parseGenerationFields(document, hasTools, options);
    return options;
}

// The error a body gets (REQUIREs that it gets one).
ApiError errorOf(const std::string& json, bool hasTools = false) {
    try {
        parseFields(json, hasTools);
    } catch (const ApiError& error) {
        return error;
    }
    FAIL("no error for " << json);
    return ApiError(0, "", "", "");
}

}  // namespace

TEST_CASE("no fields: nothing asked") {
    const auto options = parseFields(R"({"model":"sonnet"})");
    CHECK_FALSE(options.jsonSchema);
    CHECK_FALSE(options.effort);
    CHECK(options.stop.empty());
    CHECK_FALSE(options.maxTokens);
}

TEST_CASE("response_format json_schema keeps the client's schema and name") {
    const auto options = parseFields(
        R"({"response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,)"
        R"("schema":{"type":"object","properties":{"name":{"type":"string"}}}}}})");
    REQUIRE(options.jsonSchema);
    CHECK(*options.jsonSchema == R"({"type":"object","properties":{"name":{"type":"string"}}})");
    CHECK(options.jsonSchemaName == "person");
}

TEST_CASE("response_format json_object is an object schema, text asks nothing") {
    CHECK(parseFields(R"({"response_format":{"type":"json_object"}})").jsonSchema ==
          std::string(R"({"type":"object"})"));
    CHECK_FALSE(parseFields(R"({"response_format":{"type":"text"}})").jsonSchema);
    CHECK_FALSE(parseFields(R"({"response_format":null})").jsonSchema);
}

TEST_CASE("bad response_format values are 400s naming the field") {
    struct Case {
        const char* body;
        const char* param;
    };
    for (const Case& c : {
             Case{R"({"response_format":"json"})", "response_format"},
             Case{R"({"response_format":{}})", "response_format.type"},
             Case{R"({"response_format":{"type":"yaml"}})", "response_format.type"},
             Case{R"({"response_format":{"type":"json_schema"}})", "response_format.json_schema"},
             Case{R"({"response_format":{"type":"json_schema","json_schema":[]}})",
                  "response_format.json_schema"},
             Case{R"({"response_format":{"type":"json_schema","json_schema":{"name":"x"}}})",
                  "response_format.json_schema.schema"},
             Case{R"({"response_format":{"type":"json_schema","json_schema":{"schema":"{}"}}})",
                  "response_format.json_schema.schema"},
             Case{R"({"response_format":{"type":"json_schema","json_schema":{"name":7,)"
                  R"("schema":{}}}})",
                  "response_format.json_schema.name"},
         }) {
        CAPTURE(c.body);
        const auto error = errorOf(c.body);
        CHECK(error.httpStatus() == 400);
        CHECK(error.type() == "invalid_request_error");
        CHECK(error.param() == std::string(c.param));
    }
}

TEST_CASE("structured output with tools is refused as an unsupported combination") {
    const auto error = errorOf(R"({"response_format":{"type":"json_object"}})", true);
    CHECK(error.httpStatus() == 400);
    CHECK(error.code() == "unsupported_parameter");
    CHECK(error.param() == std::string("response_format"));
    // Plain text format with tools is fine.
    CHECK_FALSE(parseFields(R"({"response_format":{"type":"text"}})", true).jsonSchema);
}

TEST_CASE("reasoning_effort maps onto the CLI's effort levels") {
    CHECK(effortFor("none") == std::string("low"));
    CHECK(effortFor("minimal") == std::string("low"));
    CHECK(effortFor("low") == std::string("low"));
    CHECK(effortFor("medium") == std::string("medium"));
    CHECK(effortFor("high") == std::string("high"));
    CHECK(effortFor("xhigh") == std::string("xhigh"));
    CHECK_FALSE(effortFor("HIGH"));
    CHECK_FALSE(effortFor(""));
    CHECK(parseFields(R"({"reasoning_effort":"minimal"})").effort == std::string("low"));
    CHECK(errorOf(R"({"reasoning_effort":"extreme"})").param() == std::string("reasoning_effort"));
    CHECK(errorOf(R"({"reasoning_effort":3})").param() == std::string("reasoning_effort"));
}

TEST_CASE("stop takes a string or up to four strings, empty strings are dropped") {
    CHECK(parseFields(R"({"stop":"END"})").stop == std::vector<std::string>{"END"});
    CHECK(parseFields(R"({"stop":""})").stop.empty());
    CHECK(parseFields(R"({"stop":["a","","b"]})").stop == std::vector<std::string>{"a", "b"});
    CHECK(parseFields(R"({"stop":["1","2","3","4"]})").stop.size() == 4);
    CHECK(errorOf(R"({"stop":["1","2","3","4","5"]})").param() == std::string("stop"));
    CHECK(errorOf(R"({"stop":["a",2]})").param() == std::string("stop[1]"));
    CHECK(errorOf(R"({"stop":{"a":1}})").param() == std::string("stop"));
}

TEST_CASE("max_completion_tokens wins over max_tokens, bounds and types are checked") {
    CHECK(parseFields(R"({"max_tokens":100})").maxTokens == 100);
    CHECK(parseFields(R"({"max_completion_tokens":50,"max_tokens":100})").maxTokens == 50);
    CHECK(parseFields(R"({"max_tokens":100,"max_completion_tokens":50})").maxTokens == 50);
    CHECK(parseFields(R"({"max_tokens":128000})").maxTokens == 128000);
    CHECK(errorOf(R"({"max_tokens":0})").param() == std::string("max_tokens"));
    CHECK(errorOf(R"({"max_tokens":128001})").param() == std::string("max_tokens"));
    CHECK(errorOf(R"({"max_completion_tokens":-5})").param() ==
          std::string("max_completion_tokens"));
    CHECK(errorOf(R"({"max_tokens":"100"})").param() == std::string("max_tokens"));
    CHECK(errorOf(R"({"max_tokens":1.5})").param() == std::string("max_tokens"));
}
