#include "openai/chat_request.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "openai_test_support.hpp"

namespace claude_proxy::openai {
namespace {

using test::apiErrorFrom;

const ModelCatalog& catalog() {
    static const ModelCatalog instance("sonnet", {{"my-fast", "haiku"}}, {"claude-custom"});
    return instance;
}

ChatRequest parse(std::string_view body) {
    INFO("body: " << std::string(body));
    return parseChatRequest(body, catalog());
}

// A body whose messages array is `messages` (JSON text).
std::string withMessages(std::string_view messages) {
    return R"({"messages":)" + std::string(messages) + "}";
}

// A valid one-message body plus the extra top-level member(s) `fields` (JSON text).
std::string withField(std::string_view fields) {
    return R"({"messages":[{"role":"user","content":"hi"}],)" + std::string(fields) + "}";
}

// Asserts that `body` is rejected with exactly this status, param and code.
ApiError expectRejected(std::string_view body, int status, std::optional<std::string> param,
                        const std::string& code) {
    INFO("body: " << std::string(body));
    const auto error = apiErrorFrom([&] { parseChatRequest(body, catalog()); });
    REQUIRE(error.has_value());
    CHECK(error->httpStatus() == status);
    CHECK(error->type() == "invalid_request_error");
    CHECK(error->param() == param);
    CHECK(error->code() == code);
    CHECK(std::string(error->what()).size() > 0);
    return *error;
}

void expect400(std::string_view body, const std::string& param, const std::string& code) {
    expectRejected(body, 400, param, code);
}

}  // namespace

TEST_CASE("a minimal request takes the defaults") {
    const auto request = parse(R"({"messages":[{"role":"user","content":"Hello"}]})");
    CHECK(request.requestedModel == "sonnet");
    CHECK(request.cliModel == "sonnet");
    REQUIRE(request.messages.size() == 1);
    CHECK(request.messages[0].role == Role::User);
    CHECK(request.messages[0].content == "Hello");
    CHECK(request.messages[0].name.empty());
    CHECK(request.messages[0].toolCallId.empty());
    CHECK_FALSE(request.stream);
    CHECK_FALSE(request.includeUsage);
    CHECK(request.ignored.empty());
}

TEST_CASE("roleName spells every role") {
    CHECK(roleName(Role::System) == "system");
    CHECK(roleName(Role::Developer) == "developer");
    CHECK(roleName(Role::User) == "user");
    CHECK(roleName(Role::Assistant) == "assistant");
    CHECK(roleName(Role::Tool) == "tool");
}

// ---- body ------------------------------------------------------------------------------------

TEST_CASE("malformed JSON is a 400 invalid_json with a null param") {
    for (const std::string& body : std::vector<std::string>{
             "", "{", "not json", R"({"messages":[]}x)", R"({"messages":[],})",
             R"({"temperature":NaN,"messages":[{"role":"user","content":"x"}]})", "{'a':1}",
             R"({"messages":[{"role":"user","content":"tab	inside"}]})"}) {
        expectRejected(body, 400, std::nullopt, "invalid_json");
    }
}

TEST_CASE("a raw NUL byte in the body is malformed JSON") {
    const char raw[] = R"({"messages":[{"role":"user","content":"a)"
                       "\0"
                       R"(b"}]})";
    const std::string body(raw, sizeof(raw) - 1);
    REQUIRE(body.find('\0') != std::string::npos);
    expectRejected(body, 400, std::nullopt, "invalid_json");
}

TEST_CASE("ill-formed UTF-8 in the body is rejected cleanly") {
    for (const std::string& bad :
         std::vector<std::string>{"\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
                                  "\xf4\x90\x80\x80", "\xc3", "abc\x80"}) {
        expectRejected(withMessages(R"([{"role":"user","content":")" + bad + R"("}])"), 400,
                       std::nullopt, "invalid_json");
    }
    // A high surrogate escape without its partner is caught by the parser...
    expectRejected(withMessages(R"([{"role":"user","content":"\ud800x"}])"), 400, std::nullopt,
                   "invalid_json");
    // ...a lone low surrogate escape is caught afterwards, naming the field.
    expect400(withMessages(R"([{"role":"user","content":"x\udc00"}])"), "messages[0].content",
              "invalid_value");
    expect400(withMessages(R"([{"role":"user","content":"ok","name":"a\udc00"}])"),
              "messages[0].name", "invalid_value");
}

TEST_CASE("valid escapes and multi-byte text are kept byte for byte") {
    const auto request = parse(withMessages(
        R"([{"role":"user","content":"caf\u00e9 \ud83d\ude00 日本語 \"q\" \\ \n\t\u0000end"}])"));
    const char expected[] =
        "caf\xc3\xa9 \xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \"q\" \\ \n\t\0end";
    CHECK(request.messages[0].content == std::string(expected, sizeof(expected) - 1));
}

TEST_CASE("deeply nested input is a 400 json_too_deep, never a crash") {
    const std::size_t depth = 200000;
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    for (const auto& body : {std::string(depth, '['), nested, withField(R"("extra":)" + nested)}) {
        const auto error = apiErrorFrom([&] { parseChatRequest(body, catalog()); });
        REQUIRE(error.has_value());
        CHECK(error->httpStatus() == 400);
        CHECK(error->code() == "json_too_deep");
        CHECK_FALSE(error->param().has_value());
    }
    // Nesting an ordinary client never comes near still parses.
    const auto request =
        parse(withField(R"("extra":)" + std::string(20, '[') + std::string(20, ']')));
    CHECK(request.ignored == std::vector<std::string>{"extra"});
}

TEST_CASE("a body that is not an object is a 400 invalid_request_body") {
    for (const std::string& body :
         std::vector<std::string>{"[]", "42", R"("text")", "null", "true"}) {
        expectRejected(body, 400, std::nullopt, "invalid_request_body");
    }
}

// ---- model -----------------------------------------------------------------------------------

TEST_CASE("model: absent or null takes the default, aliases resolve") {
    CHECK(parse(R"({"model":null,"messages":[{"role":"user","content":"x"}]})").cliModel ==
          "sonnet");
    const auto opus = parse(R"({"model":"opus","messages":[{"role":"user","content":"x"}]})");
    CHECK(opus.requestedModel == "opus");
    CHECK(opus.cliModel == "opus");
    const auto alias = parse(R"({"model":"my-fast","messages":[{"role":"user","content":"x"}]})");
    CHECK(alias.requestedModel == "my-fast");
    CHECK(alias.cliModel == "haiku");
    const auto full =
        parse(R"({"model":"claude-sonnet-4-5[1m]","messages":[{"role":"user","content":"x"}]})");
    CHECK(full.cliModel == "claude-sonnet-4-5[1m]");
    CHECK(
        parse(R"({"model":"claude-custom","messages":[{"role":"user","content":"x"}]})").cliModel ==
        "claude-custom");
}

TEST_CASE("model: a non-string is a 400 invalid_type on model") {
    for (const std::string& model : std::vector<std::string>{"42", "true", "{}", "[\"sonnet\"]"}) {
        expect400(R"({"model":)" + model + R"(,"messages":[{"role":"user","content":"x"}]})",
                  "model", "invalid_type");
    }
}

TEST_CASE("model: ids that could read as flags or hold odd characters are a 400") {
    for (const std::string& model : std::vector<std::string>{"-x", "--help", "a b", "", "sonnet\\n",
                                                             "x;rm", std::string(101, 'a')}) {
        expect400(R"({"model":")" + model + R"(","messages":[{"role":"user","content":"x"}]})",
                  "model", "invalid_value");
    }
}

TEST_CASE("model: a well-formed unknown id is a 404 model_not_found") {
    const auto error =
        expectRejected(R"({"model":"gpt-4o","messages":[{"role":"user","content":"x"}]})", 404,
                       std::nullopt, "model_not_found");
    CHECK(std::string(error.what()) ==
          "The model `gpt-4o` does not exist or you do not have access to it.");
}

TEST_CASE("the body is validated before the model is looked up") {
    expect400(R"({"model":"gpt-4o","messages":[]})", "messages", "empty_array");
    expect400(R"({"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"n":2})", "n",
              "unsupported_parameter");
}

// ---- messages --------------------------------------------------------------------------------

TEST_CASE("messages: missing, null, mistyped or empty") {
    const auto missing = expectRejected(R"({"model":"sonnet"})", 400, std::string("messages"),
                                        "missing_required_parameter");
    CHECK(std::string(missing.what()) == "Missing required parameter: 'messages'.");
    expect400(R"({"messages":null})", "messages", "missing_required_parameter");
    expect400(R"({"messages":"hello"})", "messages", "invalid_type");
    expect400(R"({"messages":{"role":"user","content":"x"}})", "messages", "invalid_type");
    expect400(R"({"messages":[]})", "messages", "empty_array");
}

TEST_CASE("messages: an entry that is not an object names its index") {
    expect400(withMessages(R"(["hello"])"), "messages[0]", "invalid_type");
    expect400(withMessages(R"([{"role":"user","content":"x"},null])"), "messages[1]",
              "invalid_type");
}

TEST_CASE("messages: role must be a known string") {
    expect400(withMessages(R"([{"content":"x"}])"), "messages[0].role",
              "missing_required_parameter");
    expect400(withMessages(R"([{"role":null,"content":"x"}])"), "messages[0].role",
              "missing_required_parameter");
    expect400(withMessages(R"([{"role":5,"content":"x"}])"), "messages[0].role", "invalid_type");
    const auto unknown = expectRejected(
        withMessages(R"([{"role":"user","content":"x"},{"role":"robot","content":"y"}])"), 400,
        std::string("messages[1].role"), "invalid_value");
    CHECK(std::string(unknown.what()).find("'robot'") != std::string::npos);
    expect400(withMessages(R"([{"role":"User","content":"x"}])"), "messages[0].role",
              "invalid_value");
}

TEST_CASE("messages: every role is recognised, in order") {
    const auto request = parse(withMessages(R"([
        {"role":"system","content":"s"},
        {"role":"developer","content":"d"},
        {"role":"user","content":"u","name":"alice"},
        {"role":"assistant","content":"a"},
        {"role":"tool","content":"t","tool_call_id":"call_1"},
        {"role":"function","name":"lookup","content":"f"}])"));
    REQUIRE(request.messages.size() == 6);
    CHECK(request.messages[0].role == Role::System);
    CHECK(request.messages[0].content == "s");
    CHECK(request.messages[1].role == Role::Developer);
    CHECK(request.messages[2].role == Role::User);
    CHECK(request.messages[2].name == "alice");
    CHECK(request.messages[3].role == Role::Assistant);
    CHECK(request.messages[4].role == Role::Tool);
    CHECK(request.messages[4].toolCallId == "call_1");
    CHECK(request.messages[4].content == "t");
    // The legacy "function" role is a tool result without a call id.
    CHECK(request.messages[5].role == Role::Tool);
    CHECK(request.messages[5].name == "lookup");
    CHECK(request.messages[5].toolCallId.empty());
    CHECK(request.messages[5].content == "f");
}

TEST_CASE("content: text parts are joined with newlines") {
    const auto request = parse(withMessages(R"([{"role":"user","content":[
        {"type":"text","text":"first"},
        {"type":"input_text","text":"second"},
        {"type":"output_text","text":""},
        {"type":"text","text":"fourth"}]}])"));
    CHECK(request.messages[0].content == "first\nsecond\n\nfourth");
    CHECK(parse(withMessages(R"([{"role":"user","content":[{"type":"text","text":"one"}]}])"))
              .messages[0]
              .content == "one");
}

TEST_CASE("content: empty string and empty array are allowed") {
    CHECK(parse(withMessages(R"([{"role":"user","content":""}])")).messages[0].content.empty());
    CHECK(parse(withMessages(R"([{"role":"user","content":[]}])")).messages[0].content.empty());
}

TEST_CASE("content: mistyped content names the message") {
    expect400(withMessages(R"([{"role":"user","content":42}])"), "messages[0].content",
              "invalid_type");
    expect400(withMessages(R"([{"role":"user","content":true}])"), "messages[0].content",
              "invalid_type");
    expect400(withMessages(R"([{"role":"user","content":{"type":"text","text":"x"}}])"),
              "messages[0].content", "invalid_type");
}

TEST_CASE("content: null or missing is only allowed for the assistant") {
    for (const std::string& role : std::vector<std::string>{"system", "developer", "user"}) {
        expect400(withMessages(R"([{"role":")" + role + R"(","content":null}])"),
                  "messages[0].content", "invalid_type");
        expect400(withMessages(R"([{"role":")" + role + R"("}])"), "messages[0].content",
                  "missing_required_parameter");
    }
    expect400(withMessages(R"([{"role":"tool","tool_call_id":"c","content":null}])"),
              "messages[0].content", "invalid_type");
    expect400(withMessages(R"([{"role":"tool","tool_call_id":"c"}])"), "messages[0].content",
              "missing_required_parameter");
    const auto request =
        parse(withMessages(R"([{"role":"user","content":"q"},{"role":"assistant","content":null},)"
                           R"({"role":"assistant"}])"));
    CHECK(request.messages[1].content.empty());
    CHECK(request.messages[2].content.empty());
}

TEST_CASE("content parts: malformed parts name their position") {
    expect400(withMessages(R"([{"role":"user","content":[{"type":"text","text":"x"},"raw"]}])"),
              "messages[0].content[1]", "invalid_type");
    expect400(withMessages(R"([{"role":"user","content":[{"text":"x"}]}])"),
              "messages[0].content[0].type", "missing_required_parameter");
    expect400(withMessages(R"([{"role":"user","content":[{"type":7,"text":"x"}]}])"),
              "messages[0].content[0].type", "invalid_type");
    expect400(withMessages(R"([{"role":"user","content":[{"type":"text"}]}])"),
              "messages[0].content[0].text", "missing_required_parameter");
    expect400(withMessages(R"([{"role":"user","content":[{"type":"text","text":["x"]}]}])"),
              "messages[0].content[0].text", "invalid_type");
}

TEST_CASE("content parts: other parts are refused by name, never dropped") {
    const auto error =
        expectRejected(withMessages(R"([{"role":"user","content":"a"},{"role":"user","content":[
            {"type":"text","text":"look"},{"type":"input_audio","input_audio":{}}]}])"),
                       400, std::string("messages[1].content[1].type"), "unsupported_content");
    CHECK(std::string(error.what()).find("Content part type 'input_audio' is not supported") == 0);
    for (const std::string& type :
         std::vector<std::string>{"input_audio", "refusal", "image", ""}) {
        const auto other = expectRejected(
            withMessages(R"([{"role":"assistant","content":[{"type":")" + type + R"("}]}])"), 400,
            std::string("messages[0].content[0].type"), "unsupported_content");
        CHECK(std::string(other.what()).find("'" + type + "'") != std::string::npos);
    }
}

TEST_CASE("content parts: a huge unknown type is echoed shortened") {
    const std::string type(5000, 'z');
    const auto error =
        expectRejected(withMessages(R"([{"role":"user","content":[{"type":")" + type + R"("}]}])"),
                       400, std::string("messages[0].content[0].type"), "unsupported_content");
    CHECK(std::string(error.what()).size() < 300);
}

TEST_CASE("tool messages need a string tool_call_id") {
    expect400(withMessages(R"([{"role":"user","content":"q"},{"role":"tool","content":"r"}])"),
              "messages[1].tool_call_id", "missing_required_parameter");
    expect400(withMessages(R"([{"role":"tool","content":"r","tool_call_id":null}])"),
              "messages[0].tool_call_id", "missing_required_parameter");
    expect400(withMessages(R"([{"role":"tool","content":"r","tool_call_id":12}])"),
              "messages[0].tool_call_id", "invalid_type");
}

TEST_CASE("legacy function messages need a name") {
    expect400(withMessages(R"([{"role":"function","content":"r"}])"), "messages[0].name",
              "missing_required_parameter");
}

TEST_CASE("name: must be 1-64 characters from [A-Za-z0-9_-]") {
    CHECK(parse(withMessages(R"([{"role":"user","content":"x","name":"Bob_the-2nd"}])"))
              .messages[0]
              .name == "Bob_the-2nd");
    CHECK(parse(withMessages(R"([{"role":"user","content":"x","name":null}])"))
              .messages[0]
              .name.empty());
    const std::string longest(64, 'n');
    CHECK(parse(withMessages(R"([{"role":"user","content":"x","name":")" + longest + R"("}])"))
              .messages[0]
              .name == longest);
    expect400(withMessages(R"([{"role":"user","content":"x","name":5}])"), "messages[0].name",
              "invalid_type");
    for (const std::string& bad : std::vector<std::string>{"a b", "", "<x>", "x\\\"y", "caf\\u00e9",
                                                           "a.b", std::string(65, 'n')}) {
        expect400(withMessages(R"([{"role":"user","content":"x","name":")" + bad + R"("}])"),
                  "messages[0].name", "invalid_value");
    }
}

TEST_CASE("assistant tool_calls are kept as structured calls") {
    const auto request = parse(withMessages(R"([
        {"role":"user","content":"weather?"},
        {"role":"assistant","content":"Let me check.","tool_calls":[
            {"id":"call_1","type":"function",
             "function":{"name":"get_weather","arguments":"{ \"city\" : \"Paris\" }"}},
            {"type":"function","function":{"name":"get_time"}}]},
        {"role":"tool","tool_call_id":"call_1","content":"sunny"},
        {"role":"assistant","content":null,"tool_calls":[
            {"id":"c2","function":{"name":"noop","arguments":""}}]}])"));
    REQUIRE(request.messages.size() == 4);
    CHECK(request.messages[1].content == "Let me check.");
    const auto& calls = request.messages[1].toolCalls;
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].id == "call_1");
    CHECK(calls[0].name == "get_weather");
    CHECK(calls[0].argumentsJson == "{\"city\":\"Paris\"}");  // compacted
    CHECK(calls[1].id.empty());
    CHECK(calls[1].argumentsJson == "{}");
    CHECK(request.messages[3].content.empty());
    CHECK(request.messages[3].toolCalls.at(0).argumentsJson == "{}");
}

TEST_CASE("assistant tool_calls: empty or null adds nothing") {
    const auto request =
        parse(withMessages(R"([{"role":"assistant","content":"a","tool_calls":[]},)"
                           R"({"role":"assistant","content":"b","tool_calls":null}])"));
    CHECK(request.messages[0].content == "a");
    CHECK(request.messages[0].toolCalls.empty());
    CHECK(request.messages[1].toolCalls.empty());
}

TEST_CASE("assistant legacy function_call becomes a call") {
    const auto request = parse(withMessages(
        R"([{"role":"assistant","content":null,"function_call":{"name":"f","arguments":"{}"}}])"));
    REQUIRE(request.messages[0].toolCalls.size() == 1);
    CHECK(request.messages[0].toolCalls[0].name == "f");
    expect400(withMessages(R"([{"role":"assistant","function_call":{"arguments":"{}"}}])"),
              "messages[0].function_call.name", "missing_required_parameter");
    expect400(withMessages(R"([{"role":"assistant","function_call":"f"}])"),
              "messages[0].function_call", "invalid_type");
}

TEST_CASE("assistant tool_calls: malformed calls are a 400 naming the field") {
    const auto bad = [](const std::string& calls, const std::string& param,
                        const std::string& code) {
        expect400(
            withMessages(R"([{"role":"assistant","content":null,"tool_calls":)" + calls + "}]"),
            param, code);
    };
    bad(R"({"id":"x"})", "messages[0].tool_calls", "invalid_type");
    bad(R"(["call"])", "messages[0].tool_calls[0]", "invalid_type");
    bad(R"([{"id":"x"}])", "messages[0].tool_calls[0].function", "missing_required_parameter");
    bad(R"([{"function":"f"}])", "messages[0].tool_calls[0].function", "invalid_type");
    bad(R"([{"function":{"arguments":"{}"}}])", "messages[0].tool_calls[0].function.name",
        "missing_required_parameter");
    bad(R"([{"function":{"name":3}}])", "messages[0].tool_calls[0].function.name", "invalid_type");
    bad(R"([{"function":{"name":"f","arguments":{"a":1}}}])",
        "messages[0].tool_calls[0].function.arguments", "invalid_type");
    bad(R"([{"id":7,"function":{"name":"f"}}])", "messages[0].tool_calls[0].id", "invalid_type");
    bad(R"([{"function":{"name":"f"}},{"function":{}}])", "messages[0].tool_calls[1].function.name",
        "missing_required_parameter");
    bad(R"([{"function":{"name":"f","arguments":"[1,2]"}}])",
        "messages[0].tool_calls[0].function.arguments", "invalid_value");
    bad(R"([{"function":{"name":"f","arguments":"{not json"}}])",
        "messages[0].tool_calls[0].function.arguments", "invalid_value");
    bad(R"([{"function":{"name":"a b"}}])", "messages[0].tool_calls[0].function.name",
        "invalid_value");
}

// ---- stream ----------------------------------------------------------------------------------

TEST_CASE("stream must be a boolean") {
    CHECK(parse(withField(R"("stream":true)")).stream);
    CHECK_FALSE(parse(withField(R"("stream":false)")).stream);
    CHECK_FALSE(parse(withField(R"("stream":null)")).stream);
    expect400(withField(R"("stream":"true")"), "stream", "invalid_type");
    expect400(withField(R"("stream":1)"), "stream", "invalid_type");
}

TEST_CASE("stream_options: include_usage must be a boolean inside an object") {
    const auto request =
        parse(withField(R"("stream":true,"stream_options":{"include_usage":true,"x":1})"));
    CHECK(request.includeUsage);
    CHECK(request.ignored == std::vector<std::string>{"stream_options.x"});
    CHECK_FALSE(parse(withField(R"("stream_options":{"include_usage":false})")).includeUsage);
    CHECK_FALSE(parse(withField(R"("stream_options":{"include_usage":null})")).includeUsage);
    CHECK_FALSE(parse(withField(R"("stream_options":null)")).includeUsage);
    CHECK_FALSE(parse(withField(R"("stream_options":{})")).includeUsage);
    expect400(withField(R"("stream_options":true)"), "stream_options", "invalid_type");
    expect400(withField(R"("stream_options":[])"), "stream_options", "invalid_type");
    expect400(withField(R"("stream_options":{"include_usage":"yes"})"),
              "stream_options.include_usage", "invalid_type");
}

// ---- unsupported fields ----------------------------------------------------------------------

TEST_CASE("n: 1 or null is accepted, more is unsupported") {
    CHECK(parse(withField(R"("n":1)")).ignored == std::vector<std::string>{"n"});
    CHECK(parse(withField(R"("n":null)")).ignored == std::vector<std::string>{"n"});
    expect400(withField(R"("n":2)"), "n", "unsupported_parameter");
    expect400(withField(R"("n":18446744073709551615)"), "n", "unsupported_parameter");
    expect400(withField(R"("n":0)"), "n", "invalid_value");
    expect400(withField(R"("n":-3)"), "n", "invalid_value");
    expect400(withField(R"("n":1.5)"), "n", "invalid_type");
    expect400(withField(R"("n":"1")"), "n", "invalid_type");
}

TEST_CASE("logprobs and top_logprobs are unsupported when they ask for anything") {
    parse(withField(R"("logprobs":false,"top_logprobs":0)"));
    parse(withField(R"("logprobs":null,"top_logprobs":null)"));
    expect400(withField(R"("logprobs":true)"), "logprobs", "unsupported_parameter");
    expect400(withField(R"("logprobs":"yes")"), "logprobs", "invalid_type");
    expect400(withField(R"("top_logprobs":3)"), "top_logprobs", "unsupported_parameter");
    expect400(withField(R"("top_logprobs":-1)"), "top_logprobs", "invalid_value");
    expect400(withField(R"("top_logprobs":"3")"), "top_logprobs", "invalid_type");
}

TEST_CASE("tools, functions and tool_choice are parsed, not recorded as ignored") {
    const auto request = parse(
        withField(R"("tools":[],"functions":null,"tool_choice":"none","function_call":"auto")"));
    CHECK(request.ignored.empty());
    CHECK(request.tools.tools.empty());
    CHECK(request.tools.choice == ToolChoiceMode::None);
    CHECK_FALSE(request.tools.active());
}

TEST_CASE("response_format: text, json_object and json_schema") {
    CHECK_FALSE(parse(withField(R"("response_format":{"type":"text"})")).generation.jsonSchema);
    CHECK_FALSE(parse(withField(R"("response_format":null)")).generation.jsonSchema);
    CHECK(parse(withField(R"("response_format":{"type":"json_object"})")).generation.jsonSchema ==
          R"({"type":"object"})");
    const auto schema = parse(withField(
        R"("response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,)"
        R"("schema":{"type":"object","properties":{"name":{"type":"string"}}}}})"));
    CHECK(schema.generation.jsonSchema ==
          R"({"type":"object","properties":{"name":{"type":"string"}}})");
    CHECK(schema.generation.jsonSchemaName == "person");
    CHECK(schema.ignored.empty());
    expect400(withField(R"("response_format":{"type":"json_schema","json_schema":{"name":"x"}})"),
              "response_format.json_schema.schema", "missing_required_parameter");
    expect400(withField(R"("response_format":{"type":"json_schema"})"),
              "response_format.json_schema", "missing_required_parameter");
    expect400(withField(R"("response_format":{"type":"json_schema","json_schema":{"schema":[]}})"),
              "response_format.json_schema.schema", "invalid_type");
    expect400(withField(R"("response_format":{"type":"json_schema","json_schema":"x"})"),
              "response_format.json_schema", "invalid_type");
    expect400(withField(R"("response_format":{"type":"xml"})"), "response_format.type",
              "invalid_value");
    expect400(withField(R"("response_format":"text")"), "response_format", "invalid_type");
    expect400(withField(R"("response_format":{})"), "response_format.type",
              "missing_required_parameter");
    expect400(withField(R"("response_format":{"type":1})"), "response_format.type", "invalid_type");
}

TEST_CASE("response_format with tools is refused: the CLI answers a schema through a tool") {
    expect400(withField(R"("response_format":{"type":"json_object"},"tools":[{"type":"function",)"
                        R"("function":{"name":"f","parameters":{"type":"object"}}}])"),
              "response_format", "unsupported_parameter");
    // Text format and an empty tool list are fine together.
    parse(withField(R"("response_format":{"type":"text"},"tools":[{"type":"function",)"
                    R"("function":{"name":"f"}}])"));
    CHECK(parse(withField(R"("response_format":{"type":"json_object"},"tools":[])"))
              .generation.jsonSchema);
}

TEST_CASE("reasoning_effort maps to the CLI's effort") {
    const std::vector<std::pair<std::string, std::string>> mapping = {
        {"none", "low"},  {"minimal", "low"}, {"low", "low"}, {"medium", "medium"},
        {"high", "high"}, {"xhigh", "xhigh"}, {"max", "max"},
    };
    for (const auto& entry : mapping) {
        // Not a structured binding: CAPTURE's lambda cannot capture one under clang 14.
        const std::string& openaiValue = entry.first;
        const std::string& cliValue = entry.second;
        CAPTURE(openaiValue);
        const auto request = parse(withField(R"("reasoning_effort":")" + openaiValue + R"(")"));
        CHECK(request.generation.effort == cliValue);
    }
    CHECK_FALSE(parse(withField(R"("reasoning_effort":null)")).generation.effort);
    expect400(withField(R"("reasoning_effort":"extreme")"), "reasoning_effort", "invalid_value");
    expect400(withField(R"("reasoning_effort":2)"), "reasoning_effort", "invalid_type");
}

TEST_CASE("stop: a string or up to four strings, empty ones are dropped") {
    CHECK(parse(withField(R"("stop":"END")")).generation.stop == std::vector<std::string>{"END"});
    CHECK(parse(withField(R"("stop":["a","","b\n"])")).generation.stop ==
          std::vector<std::string>{"a", "b\n"});
    CHECK(parse(withField(R"("stop":"")")).generation.stop.empty());
    CHECK(parse(withField(R"("stop":null)")).generation.stop.empty());
    parse(withField(R"("stop":["1","2","3","4"])"));
    expect400(withField(R"("stop":["1","2","3","4","5"])"), "stop", "invalid_value");
    expect400(withField(R"("stop":5)"), "stop", "invalid_type");
    expect400(withField(R"("stop":["a",1])"), "stop[1]", "invalid_type");
}

TEST_CASE("max_tokens and max_completion_tokens: the newer name wins") {
    CHECK(parse(withField(R"("max_tokens":100)")).generation.maxTokens == 100);
    CHECK(parse(withField(R"("max_completion_tokens":50)")).generation.maxTokens == 50);
    CHECK(parse(withField(R"("max_completion_tokens":50,"max_tokens":100)")).generation.maxTokens ==
          50);
    CHECK(parse(withField(R"("max_tokens":100,"max_completion_tokens":50)")).generation.maxTokens ==
          50);
    CHECK_FALSE(parse(withField(R"("max_tokens":null)")).generation.maxTokens);
    expect400(withField(R"("max_tokens":0)"), "max_tokens", "invalid_value");
    expect400(withField(R"("max_tokens":-5)"), "max_tokens", "invalid_value");
    expect400(withField(R"("max_completion_tokens":128001)"), "max_completion_tokens",
              "invalid_value");
    expect400(withField(R"("max_tokens":1.5)"), "max_tokens", "invalid_type");
    expect400(withField(R"("max_completion_tokens":"10")"), "max_completion_tokens",
              "invalid_type");
}

TEST_CASE("audio, modalities, prediction and web search") {
    parse(withField(R"("audio":null,"prediction":null,"modalities":["text"])"));
    parse(withField(R"("modalities":[])"));
    expect400(withField(R"("audio":{"voice":"alloy","format":"mp3"})"), "audio",
              "unsupported_parameter");
    expect400(withField(R"("modalities":["text","audio"])"), "modalities", "unsupported_parameter");
    expect400(withField(R"("modalities":"text")"), "modalities", "invalid_type");
    expect400(withField(R"("modalities":[1])"), "modalities[0]", "invalid_type");
    expect400(withField(R"("prediction":{"type":"content","content":"x"})"), "prediction",
              "unsupported_parameter");
    parse(withField(R"("web_search_options":null)"));
    expect400(withField(R"("web_search_options":{})"), "web_search_options",
              "unsupported_parameter");
}

// ---- accepted, ignored fields ----------------------------------------------------------------

TEST_CASE("harmless fields are accepted and recorded as ignored, in body order") {
    const auto request = parse(withField(
        R"("temperature":0.2,"top_p":1,"max_tokens":100,)"
        R"("presence_penalty":0,"frequency_penalty":-0.5,"stop":["\n"],"user":"u1","seed":7,)"
        R"("logit_bias":{"50256":-100},"metadata":{"k":"v"},"store":false,)"
        R"("service_tier":"auto","reasoning_effort":"low",)"
        R"("some_vendor_extra":{"x":[1,2]})"));
    // max_tokens, stop and reasoning_effort are acted on, so they are not in the list.
    CHECK(request.ignored == std::vector<std::string>{"temperature", "top_p", "presence_penalty",
                                                      "frequency_penalty", "user", "seed",
                                                      "logit_bias", "metadata", "store",
                                                      "service_tier", "some_vendor_extra"});
    parse(withField(R"("stop":null,"temperature":null,"user":null)"));
}

TEST_CASE("accepted fields are type-checked") {
    struct Case {
        std::string field;
        std::string value;
        std::string param;
    };
    const std::vector<Case> cases = {
        {"temperature", R"("hot")", "temperature"},
        {"top_p", "true", "top_p"},
        {"max_tokens", "1.5", "max_tokens"},
        {"max_completion_tokens", R"("10")", "max_completion_tokens"},
        {"presence_penalty", "[]", "presence_penalty"},
        {"frequency_penalty", "{}", "frequency_penalty"},
        {"stop", "5", "stop"},
        {"stop", R"(["a",1])", "stop[1]"},
        {"user", "5", "user"},
        {"seed", R"("x")", "seed"},
        {"logit_bias", "[]", "logit_bias"},
        {"metadata", R"("x")", "metadata"},
        {"store", R"("yes")", "store"},
        {"service_tier", "1", "service_tier"},
        {"parallel_tool_calls", "1", "parallel_tool_calls"},
        {"reasoning_effort", "2", "reasoning_effort"},
    };
    for (const auto& c : cases) {
        expect400(withField("\"" + c.field + "\":" + c.value), c.param, "invalid_type");
    }
}

}  // namespace claude_proxy::openai
