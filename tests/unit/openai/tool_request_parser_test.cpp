#include <doctest/doctest.h>

#include "openai/chat_request.hpp"
#include "openai_test_support.hpp"

namespace claude_proxy::openai {
namespace {

const ModelCatalog kCatalog("sonnet");

ChatRequest parseWith(const std::string& fields) {
    return parseChatRequest(R"({"messages":[{"role":"user","content":"hi"}],)" + fields + "}",
                            kCatalog);
}

void expect400(const std::string& fields, const std::string& param, const std::string& code) {
    const auto error = test::apiErrorFrom([&] { parseWith(fields); });
    INFO("fields: " << fields);
    REQUIRE(error);
    CHECK(error->httpStatus() == 400);
    CHECK(error->param() == param);
    CHECK(error->code() == code);
}

const std::string kWeather =
    R"({"type":"function","function":{"name":"get_weather","description":"Weather now",)"
    R"("parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}})";

}  // namespace

TEST_CASE("function tools are read with name, description and compact parameters") {
    const auto request = parseWith(R"("tools":[)" + kWeather + "]");
    REQUIRE(request.tools.tools.size() == 1);
    const auto& tool = request.tools.tools[0];
    CHECK(tool.name == "get_weather");
    CHECK(tool.description == "Weather now");
    CHECK(tool.parametersJson == R"({"type":"object","properties":{"city":{"type":"string"}}})");
    CHECK(request.tools.choice == ToolChoiceMode::Auto);
    CHECK(request.tools.parallelToolCalls);
    CHECK(request.tools.active());
}

TEST_CASE("a tool without parameters gets an empty schema, namespaced names are allowed") {
    const auto request =
        parseWith(R"("tools":[{"type":"function","function":{"name":"fs.read_file"}}])");
    CHECK(request.tools.tools.at(0).parametersJson == "{}");
    CHECK(request.tools.tools.at(0).name == "fs.read_file");
}

TEST_CASE("legacy functions are read like tools") {
    const auto request =
        parseWith(R"("functions":[{"name":"f","parameters":{}}],"function_call":{"name":"f"})");
    REQUIRE(request.tools.tools.size() == 1);
    CHECK(request.tools.choice == ToolChoiceMode::Named);
    CHECK(request.tools.namedTool == "f");
}

TEST_CASE("tool_choice modes") {
    CHECK(parseWith(R"("tools":[)" + kWeather + R"(],"tool_choice":"required")").tools.choice ==
          ToolChoiceMode::Required);
    CHECK(parseWith(R"("tools":[)" + kWeather + R"(],"tool_choice":"none")").tools.choice ==
          ToolChoiceMode::None);
    const auto named =
        parseWith(R"("tools":[)" + kWeather +
                  R"(],"tool_choice":{"type":"function","function":{"name":"get_weather"}})");
    CHECK(named.tools.choice == ToolChoiceMode::Named);
    CHECK(named.tools.namedTool == "get_weather");
    CHECK(parseWith(R"("tools":[)" + kWeather + R"(],"parallel_tool_calls":false)")
              .tools.parallelToolCalls == false);
}

TEST_CASE("malformed tools are 400s naming the field") {
    expect400(R"("tools":{})", "tools", "invalid_type");
    expect400(R"("tools":["f"])", "tools[0]", "invalid_type");
    expect400(R"("tools":[{"type":"function"}])", "tools[0].function",
              "missing_required_parameter");
    expect400(R"("tools":[{"type":"retrieval","function":{"name":"f"}}])", "tools[0].type",
              "unsupported_parameter");
    expect400(R"("tools":[{"type":"function","function":{}}])", "tools[0].function.name",
              "missing_required_parameter");
    expect400(R"("tools":[{"type":"function","function":{"name":"a b"}}])",
              "tools[0].function.name", "invalid_value");
}

TEST_CASE("tool names: dashes are fine, spaces and slashes are not") {
    CHECK_NOTHROW(parseWith(R"("tools":[{"type":"function","function":{"name":"do-it"}}])"));
    expect400(R"("tools":[{"type":"function","function":{"name":"a/b"}}])",
              "tools[0].function.name", "invalid_value");
    expect400(R"("tools":[{"type":"function","function":{"name":"f","parameters":[]}}])",
              "tools[0].function.parameters", "invalid_type");
    expect400(R"("tools":[{"type":"function","function":{"name":"f","description":3}}])",
              "tools[0].function.description", "invalid_type");
    expect400(R"("tools":[)" + kWeather + "," + kWeather + "]", "tools", "invalid_value");
}

TEST_CASE("tool_choice errors") {
    expect400(R"("tool_choice":"required")", "tool_choice", "invalid_value");
    expect400(R"("tool_choice":"sometimes")", "tool_choice", "invalid_value");
    expect400(R"("tool_choice":5)", "tool_choice", "invalid_type");
    expect400(R"("tools":[)" + kWeather +
                  R"(],"tool_choice":{"type":"function","function":{"name":"other"}})",
              "tool_choice.function.name", "invalid_value");
    expect400(R"("tools":[)" + kWeather + R"(],"tool_choice":{"type":"custom"})",
              "tool_choice.type", "unsupported_parameter");
    expect400(R"("tools":[)" + kWeather + R"(],"tool_choice":{"type":"function"})",
              "tool_choice.function", "missing_required_parameter");
    expect400(R"("function_call":"required","functions":[{"name":"f"}])", "function_call",
              "invalid_value");
    expect400(R"("function_call":[])", "function_call", "invalid_type");
    expect400(R"("parallel_tool_calls":1)", "parallel_tool_calls", "invalid_type");
}

TEST_CASE("hostile nesting in tool parameters or call arguments is a 400, never a crash") {
    // The outside review's ~200 KB requests: a recursive parser or writer overflows the stack.
    const std::string deep(200000, '[');
    const auto bodyError = test::apiErrorFrom([&] {
        parseWith(R"("tools":[{"type":"function","function":{"name":"f","parameters":)" + deep +
                  std::string(200000, ']') + "}}]");
    });
    REQUIRE(bodyError);
    CHECK(bodyError->httpStatus() == 400);
    CHECK(bodyError->code() == "json_too_deep");
    CHECK_FALSE(bodyError->param().has_value());

    const std::string history =
        R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[)"
        R"({"id":"c1","type":"function","function":{"name":"f","arguments":")" +
        deep + R"("}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}]})";
    const auto argumentsError = test::apiErrorFrom([&] { parseChatRequest(history, kCatalog); });
    REQUIRE(argumentsError);
    CHECK(argumentsError->httpStatus() == 400);
    CHECK(argumentsError->param() == "messages[1].tool_calls[0].function.arguments");
    CHECK(argumentsError->code() == "invalid_value");
    CHECK(std::string(argumentsError->what()).find("deeper than") != std::string::npos);
}

TEST_CASE("arguments nested just within the limit are kept") {
    const std::string inner = std::string(40, '[') + std::string(40, ']');
    const std::string history =
        R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[)"
        R"({"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":)" +
        inner + R"(}"}}]}]})";
    const auto request = parseChatRequest(history, kCatalog);
    REQUIRE(request.messages[1].toolCalls.size() == 1);
    CHECK(request.messages[1].toolCalls[0].argumentsJson == "{\"a\":" + inner + "}");
}

TEST_CASE("many tools: unique names are accepted, a repeat is found, past the bound is a 400") {
    const auto tools = [](std::size_t count, bool repeatLast) {
        std::string list = "\"tools\":[";
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t n = repeatLast && i + 1 == count ? 0 : i;
            list += std::string(i > 0 ? "," : "") + R"({"type":"function","function":{"name":"t)" +
                    std::to_string(n) + "\"}}";
        }
        return list + "]";
    };
    CHECK(parseWith(tools(1024, false)).tools.tools.size() == 1024);
    expect400(tools(1024, true), "tools", "invalid_value");
    // The outside review's 80k tools: refused by count before any per-tool work.
    expect400(tools(80000, false), "tools", "array_too_long");
}

TEST_CASE("messages, content parts and tool calls are bounded with clear 400s") {
    std::string messages = R"({"messages":[)";
    for (int i = 0; i < 10001; ++i) {
        messages += std::string(i > 0 ? "," : "") + R"({"role":"user","content":"x"})";
    }
    messages += "]}";
    const auto tooMany = test::apiErrorFrom([&] { parseChatRequest(messages, kCatalog); });
    REQUIRE(tooMany);
    CHECK(tooMany->param() == "messages");
    CHECK(tooMany->code() == "array_too_long");

    std::string parts = R"({"messages":[{"role":"user","content":[)";
    for (int i = 0; i < 1001; ++i) {
        parts += std::string(i > 0 ? "," : "") + R"({"type":"text","text":"x"})";
    }
    parts += "]}]}";
    const auto tooManyParts = test::apiErrorFrom([&] { parseChatRequest(parts, kCatalog); });
    REQUIRE(tooManyParts);
    CHECK(tooManyParts->param() == "messages[0].content");
    CHECK(tooManyParts->code() == "array_too_long");
}

}  // namespace claude_proxy::openai
