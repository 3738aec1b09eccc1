#include "openai/responses_request.hpp"

#include <doctest/doctest.h>

#include <algorithm>
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

ResponsesRequest parse(std::string_view body) {
    INFO("body: " << std::string(body));
    return parseResponsesRequest(body, catalog());
}

// A body with `input` (JSON text) and the extra members `fields`.
std::string withInput(std::string_view input, std::string_view fields = "") {
    return R"({"model":"sonnet","input":)" + std::string(input) +
           (fields.empty() ? "" : "," + std::string(fields)) + "}";
}

void expectRejected(std::string_view body, const std::string& param, const std::string& code,
                    int status = 400) {
    INFO("body: " << std::string(body));
    const auto error = apiErrorFrom([&] { parseResponsesRequest(body, catalog()); });
    REQUIRE(error.has_value());
    CHECK(error->httpStatus() == status);
    CHECK(error->param().value_or("<null>") == param);
    CHECK(error->code() == code);
}

}  // namespace

TEST_CASE("responses request: a string input is one user message") {
    const auto request = parse(withInput(R"("Hello")"));
    REQUIRE(request.chat.messages.size() == 1);
    CHECK(request.chat.messages[0].role == Role::User);
    CHECK(request.chat.messages[0].content == "Hello");
    CHECK(request.chat.cliModel == "sonnet");
    CHECK_FALSE(request.chat.stream);
    // Usage always ends a Responses stream.
    CHECK(request.chat.includeUsage);
}

TEST_CASE("responses request: the model defaults and aliases resolve, unknown ones are a 404") {
    CHECK(parse(R"({"input":"x"})").chat.requestedModel == "sonnet");
    CHECK(parse(R"({"model":"my-fast","input":"x"})").chat.cliModel == "haiku");
    expectRejected(R"({"model":"gpt-4o","input":"x"})", "<null>", "model_not_found", 404);
}

TEST_CASE("responses request: instructions become the first, system, message") {
    const auto request = parse(withInput(R"("Hi")", R"("instructions":"Be kind.")"));
    REQUIRE(request.chat.messages.size() == 2);
    CHECK(request.chat.messages[0].role == Role::System);
    CHECK(request.chat.messages[0].content == "Be kind.");
    CHECK(request.instructions == std::optional<std::string>("Be kind."));
    // Empty instructions add no message.
    CHECK(parse(withInput(R"("Hi")", R"("instructions":"")")).chat.messages.size() == 1);
}

TEST_CASE("responses request: message items with every role and content shape") {
    const auto request = parse(withInput(
        R"([{"role":"developer","content":"dev"},)"
        R"({"role":"system","content":[{"type":"input_text","text":"sys"}]},)"
        R"({"type":"message","role":"user","content":[{"type":"input_text","text":"a"},{"type":"input_text","text":"b"}]},)"
        R"({"type":"message","role":"assistant","content":[{"type":"output_text","text":"c","annotations":[]},{"type":"refusal","refusal":"no"}]}])"));
    const auto& messages = request.chat.messages;
    REQUIRE(messages.size() == 4);
    CHECK(messages[0].role == Role::Developer);
    CHECK(messages[1].role == Role::System);
    CHECK(messages[1].content == "sys");
    CHECK(messages[2].content == "a\nb");
    CHECK(messages[3].role == Role::Assistant);
    CHECK(messages[3].content == "c\nno");
}

TEST_CASE("responses request: function calls join the assistant turn before them") {
    const auto request = parse(withInput(
        R"([{"role":"user","content":"weather?"},)"
        R"({"type":"reasoning","id":"rs_1","summary":[]},)"
        R"({"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking."}]},)"
        R"({"type":"function_call","id":"fc_1","call_id":"call_a","name":"get_weather","arguments":"{\"city\": \"Oslo\"}"},)"
        R"({"type":"function_call","call_id":"call_b","name":"get_time","arguments":""},)"
        R"({"type":"function_call_output","call_id":"call_a","output":"sunny"},)"
        R"({"type":"function_call_output","call_id":"call_b","output":[{"type":"input_text","text":"noon"}]},)"
        R"({"type":"function_call","call_id":"call_c","name":"get_weather","arguments":"{}"}])"));
    const auto& messages = request.chat.messages;
    REQUIRE(messages.size() == 5);
    CHECK(messages[1].role == Role::Assistant);
    CHECK(messages[1].content == "Checking.");
    REQUIRE(messages[1].toolCalls.size() == 2);
    CHECK(messages[1].toolCalls[0].id == "call_a");
    CHECK(messages[1].toolCalls[0].name == "get_weather");
    CHECK(messages[1].toolCalls[0].argumentsJson == R"({"city":"Oslo"})");
    CHECK(messages[1].toolCalls[1].argumentsJson == "{}");
    CHECK(messages[2].role == Role::Tool);
    CHECK(messages[2].toolCallId == "call_a");
    CHECK(messages[2].content == "sunny");
    CHECK(messages[3].content == "noon");
    // A call after a tool result opens a new assistant turn of its own.
    CHECK(messages[4].role == Role::Assistant);
    CHECK(messages[4].content.empty());
    REQUIRE(messages[4].toolCalls.size() == 1);
    CHECK(messages[4].toolCalls[0].id == "call_c");
}

TEST_CASE("responses request: function tools, tool_choice and parallel_tool_calls") {
    const std::string tools =
        R"("tools":[{"type":"function","name":"get_weather","description":"Weather",)"
        R"("parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true},)"
        R"({"type":"function","name":"noop"}])";
    const auto request =
        parse(withInput(R"("x")", tools + R"(,"tool_choice":{"type":"function","name":"noop"},)"
                                          R"("parallel_tool_calls":false)"));
    const auto& offered = request.chat.tools;
    REQUIRE(offered.tools.size() == 2);
    CHECK(offered.tools[0].name == "get_weather");
    CHECK(offered.tools[0].description == "Weather");
    CHECK(offered.tools[0].parametersJson ==
          R"({"type":"object","properties":{"city":{"type":"string"}}})");
    CHECK(offered.tools[1].parametersJson == "{}");
    CHECK(offered.choice == ToolChoiceMode::Named);
    CHECK(offered.namedTool == "noop");
    CHECK_FALSE(offered.parallelToolCalls);
    CHECK(parse(withInput(R"("x")", tools + R"(,"tool_choice":"required")")).chat.tools.choice ==
          ToolChoiceMode::Required);
    CHECK(parse(withInput(R"("x")", tools + R"(,"tool_choice":"none")")).chat.tools.choice ==
          ToolChoiceMode::None);
}

TEST_CASE("responses request: built-in tools are refused naming the tool") {
    for (const char* type :
         {"web_search", "web_search_preview", "file_search", "computer_use_preview",
          "code_interpreter", "image_generation", "mcp", "local_shell", "custom"}) {
        CAPTURE(type);
        expectRejected(withInput(R"("x")", R"("tools":[{"type":"function","name":"f"},{"type":")" +
                                               std::string(type) + R"("}])"),
                       "tools[1].type", "unsupported_parameter");
    }
    expectRejected(withInput(R"("x")", R"("tools":[{"type":"function"}])"), "tools[0].name",
                   "missing_required_parameter");
    expectRejected(withInput(R"("x")", R"("tools":[{"type":"function","name":"f","strict":1}])"),
                   "tools[0].strict", "invalid_type");
    expectRejected(
        withInput(R"("x")",
                  R"("tools":[{"type":"function","name":"f"},{"type":"function","name":"f"}])"),
        "tools", "invalid_value");
    expectRejected(withInput(R"("x")", R"("tool_choice":{"type":"function","name":"g"},)"
                                       R"("tools":[{"type":"function","name":"f"}])"),
                   "tool_choice.name", "invalid_value");
    expectRejected(withInput(R"("x")", R"("tool_choice":{"type":"web_search_preview"})"),
                   "tool_choice.type", "unsupported_parameter");
}

TEST_CASE("responses request: text.format, reasoning and max_output_tokens") {
    const auto request = parse(withInput(
        R"("x")",
        R"("text":{"format":{"type":"json_schema","name":"person","schema":{"type":"object"},"strict":true},"verbosity":"low"},)"
        R"("reasoning":{"effort":"minimal","summary":"detailed"},"max_output_tokens":300)"));
    const auto& generation = request.chat.generation;
    CHECK(generation.jsonSchema == std::optional<std::string>(R"({"type":"object"})"));
    CHECK(generation.jsonSchemaName == "person");
    CHECK(generation.effort == std::optional<std::string>("low"));
    CHECK(generation.maxTokens == std::optional<std::int64_t>(300));
    CHECK(request.reasoningSummary == "detailed");
    CHECK(request.textVerbosity == "low");
    CHECK(request.textFormatJson.find(R"("name":"person")") != std::string::npos);

    CHECK(parse(withInput(R"("x")", R"("text":{"format":{"type":"json_object"}})"))
              .chat.generation.jsonSchema == std::optional<std::string>(R"({"type":"object"})"));
    CHECK_FALSE(parse(withInput(R"("x")", R"("text":{"format":{"type":"text"}})"))
                    .chat.generation.jsonSchema.has_value());
    expectRejected(withInput(R"("x")", R"("text":{"format":{"type":"json_schema","schema":{}}},)"
                                       R"("tools":[{"type":"function","name":"f"}])"),
                   "text.format", "unsupported_parameter");
    expectRejected(withInput(R"("x")", R"("text":{"format":{"type":"xml"}})"), "text.format.type",
                   "invalid_value");
    expectRejected(withInput(R"("x")", R"("text":{"verbosity":"loud"})"), "text.verbosity",
                   "invalid_value");
    expectRejected(withInput(R"("x")", R"("reasoning":{"summary":"long"})"), "reasoning.summary",
                   "invalid_value");
    expectRejected(withInput(R"("x")", R"("reasoning":"high")"), "reasoning", "invalid_type");
    expectRejected(withInput(R"("x")", R"("max_output_tokens":128001)"), "max_output_tokens",
                   "invalid_value");
    expectRejected(withInput(R"("x")", R"("max_output_tokens":1.5)"), "max_output_tokens",
                   "invalid_type");
}

TEST_CASE("responses request: echoed and ignored fields") {
    const auto request = parse(withInput(
        R"("x")",
        R"("metadata":{"k":"v"},"temperature":0.2,"top_p":0.9,"user":"u1","truncation":"auto",)"
        R"("store":false,"include":["reasoning.encrypted_content"],"service_tier":"auto",)"
        R"("prompt_cache_key":"abc","previous_response_id":null,"stream_options":{},"extra":1)"));
    CHECK(request.metadataJson == R"({"k":"v"})");
    CHECK(request.temperature == std::optional<double>(0.2));
    CHECK(request.topP == std::optional<double>(0.9));
    CHECK(request.user == "u1");
    CHECK(request.truncation == "auto");
    const auto& ignored = request.chat.ignored;
    for (const char* name : {"include", "service_tier", "prompt_cache_key", "extra"}) {
        CAPTURE(name);
        CHECK(std::find(ignored.begin(), ignored.end(), name) != ignored.end());
    }
    expectRejected(withInput(R"("x")", R"("metadata":[])"), "metadata", "invalid_type");
    expectRejected(withInput(R"("x")", R"("temperature":"hot")"), "temperature", "invalid_type");
    expectRejected(withInput(R"("x")", R"("truncation":"middle")"), "truncation", "invalid_value");
    expectRejected(withInput(R"("x")", R"("include":"all")"), "include", "invalid_type");
}

TEST_CASE("responses request: what the proxy cannot do is refused by name") {
    expectRejected(withInput(R"("x")", R"("background":true)"), "background",
                   "unsupported_parameter");
    expectRejected(withInput(R"("x")", R"("conversation":"conv_1")"), "conversation",
                   "unsupported_parameter");
    expectRejected(withInput(R"("x")", R"("prompt":{"id":"pmpt_1"})"), "prompt",
                   "unsupported_parameter");
    expectRejected(withInput(R"("x")", R"("top_logprobs":2)"), "top_logprobs",
                   "unsupported_parameter");
    CHECK(
        parse(withInput(R"("x")", R"("background":false,"top_logprobs":0)")).chat.messages.size() ==
        1);
}

TEST_CASE("responses request: malformed input is a 400 naming the item") {
    expectRejected(R"({"model":"sonnet"})", "input", "missing_required_parameter");
    expectRejected(withInput("[]"), "input", "empty_array");
    expectRejected(withInput("42"), "input", "invalid_type");
    expectRejected(withInput("[42]"), "input[0]", "invalid_type");
    expectRejected(withInput(R"([{"type":"reasoning","summary":[]}])"), "input", "invalid_value");
    expectRejected(withInput(R"([{"content":"x"}])"), "input[0].role",
                   "missing_required_parameter");
    expectRejected(withInput(R"([{"role":"tool","content":"x"}])"), "input[0].role",
                   "invalid_value");
    expectRejected(withInput(R"([{"role":"user"}])"), "input[0].content",
                   "missing_required_parameter");
    expectRejected(withInput(R"([{"role":"user","content":[{"type":"input_text"}]}])"),
                   "input[0].content[0].text", "missing_required_parameter");
    expectRejected(withInput(R"([{"role":"user","content":[{"type":"video"}]}])"),
                   "input[0].content[0].type", "unsupported_content");
    expectRejected(withInput(R"([{"role":"user","content":[{"type":"input_audio"}]}])"),
                   "input[0].content[0].type", "unsupported_content");
    expectRejected(
        withInput(R"([{"type":"function_call","call_id":"c","name":"f","arguments":"[1]"}])"),
        "input[0].arguments", "invalid_value");
    expectRejected(withInput(R"([{"type":"function_call","call_id":"","name":"f"}])"),
                   "input[0].call_id", "invalid_value");
    expectRejected(withInput(R"([{"type":"function_call","call_id":"c","name":"bad name"}])"),
                   "input[0].name", "invalid_value");
    expectRejected(withInput(R"([{"type":"function_call_output","call_id":"c"}])"),
                   "input[0].output", "missing_required_parameter");
    expectRejected(withInput(R"([{"type":"item_reference","id":"msg_1"}])"), "input[0].type",
                   "unsupported_parameter");
    expectRejected(withInput(R"([{"type":"web_search_call","id":"ws_1"}])"), "input[0].type",
                   "unsupported_parameter");
    expectRejected(withInput(R"([{"type":"teleport"}])"), "input[0].type", "invalid_value");
    expectRejected("[1]", "<null>", "invalid_request_body");
    expectRejected("{", "<null>", "invalid_json");
    expectRejected(R"({"input":"\ud800"})", "<null>", "invalid_json");
    expectRejected(R"({"input":"x","stream":"yes"})", "stream", "invalid_type");
}

TEST_CASE("responses request: input_image and input_file parts become media among the text") {
    const std::string png =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5Erk"
        "Jggg==";
    const auto request =
        parse(withInput(R"([{"role":"user","content":[{"type":"input_text","text":"before"},)"
                        R"({"type":"input_image","image_url":"data:image/png;base64,)" +
                        png + R"(","detail":"high"},{"type":"input_text","text":"after"}]}])"));
    const auto& message = request.chat.messages.at(0);
    CHECK(message.content == "before\nafter");
    REQUIRE(message.media.size() == 1);
    CHECK(message.media[0].mediaType == "image/png");
    CHECK(message.media[0].base64 == png);
    CHECK(message.media[0].offset == 6);

    const auto remote = parse(withInput(
        R"([{"role":"user","content":[{"type":"input_image","image_url":"https://example.com/a.png"}]}])"));
    CHECK(remote.chat.messages.at(0).media.at(0).remoteUrl == "https://example.com/a.png");

    expectRejected(
        withInput(
            R"([{"role":"user","content":[{"type":"input_image","image_url":"data:image/png;base64,AAAA"}]}])"),
        "input[0].content[0].image_url", "invalid_image");
    expectRejected(
        withInput(
            R"([{"role":"user","content":[{"type":"input_image","image_url":"data:image/png;base64,)" +
            png + R"(","detail":"max"}]}])"),
        "input[0].content[0].detail", "invalid_value");
    expectRejected(
        withInput(R"([{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}])"),
        "input[0].content[0].file_id", "unsupported_parameter");
    expectRejected(
        withInput(
            R"([{"role":"user","content":[{"type":"input_file","file_url":"https://x/y.pdf"}]}])"),
        "input[0].content[0].file_url", "unsupported_parameter");
    expectRejected(
        withInput(
            R"([{"role":"user","content":[{"type":"input_file","file_data":"data:application/pdf;base64,AAAA"}]}])"),
        "input[0].content[0].file_data", "invalid_file");
    expectRejected(
        withInput(
            R"([{"role":"assistant","content":[{"type":"input_image","image_url":"data:image/png;base64,)" +
            png + R"("}]}])"),
        "input[0].content[0].type", "unsupported_content");
    expectRejected(
        withInput(
            R"([{"type":"function_call_output","call_id":"c","output":[{"type":"input_image","image_url":"data:image/png;base64,)" +
            png + R"("}]}])"),
        "input[0].output[0].type", "unsupported_content");
}

TEST_CASE("responses request: previous_response_id and store are read") {
    const auto request =
        parse(withInput(R"("x")", R"("previous_response_id":"resp_1","store":false)"));
    CHECK(request.previousResponseId == std::optional<std::string>("resp_1"));
    CHECK_FALSE(request.store);
    const auto plain = parse(withInput(R"("x")"));
    CHECK_FALSE(plain.previousResponseId.has_value());
    CHECK(plain.store);  // OpenAI's default
    expectRejected(withInput(R"("x")", R"("previous_response_id":"")"), "previous_response_id",
                   "invalid_value");
    expectRejected(withInput(R"("x")", R"("previous_response_id":7)"), "previous_response_id",
                   "invalid_type");
    expectRejected(withInput(R"("x")", R"("store":"yes")"), "store", "invalid_type");
}

TEST_CASE("responses request: a continued conversation is instructions, history, then input") {
    ChatMessage earlierQuestion;
    earlierQuestion.content = "earlier question";
    ChatMessage earlierAnswer;
    earlierAnswer.role = Role::Assistant;
    earlierAnswer.content = "earlier answer";
    const std::vector<ChatMessage> history = {earlierQuestion, earlierAnswer};

    const auto request = parse(withInput(R"("next question")", R"("instructions":"Be brief.")"));
    const auto continued = continuedConversation(request, history);
    REQUIRE(continued.size() == 4);
    CHECK(continued[0].role == Role::System);
    CHECK(continued[0].content == "Be brief.");
    CHECK(continued[1].content == "earlier question");
    CHECK(continued[2].content == "earlier answer");
    CHECK(continued[3].content == "next question");

    // Without instructions the history comes first; a system message of the input stays put.
    const auto bare =
        parse(withInput(R"([{"role":"system","content":"own"},{"role":"user","content":"q"}])"));
    const auto continuedBare = continuedConversation(bare, history);
    REQUIRE(continuedBare.size() == 4);
    CHECK(continuedBare[0].content == "earlier question");
    CHECK(continuedBare[2].content == "own");

    // What is kept: the conversation without the instructions, then the reply.
    ChatMessage reply;
    reply.role = Role::Assistant;
    reply.content = "next answer";
    auto next = request;
    next.chat.messages = continued;
    const auto kept = storedConversation(next, reply);
    REQUIRE(kept.size() == 4);
    CHECK(kept[0].content == "earlier question");
    CHECK(kept.back().content == "next answer");
}

TEST_CASE("responses request: too many function calls in one turn are refused") {
    std::string input = "[";
    for (int i = 0; i <= 256; ++i) {
        input += (i > 0 ? "," : "") + std::string(R"({"type":"function_call","call_id":"c)") +
                 std::to_string(i) + R"(","name":"f","arguments":"{}"})";
    }
    input += "]";
    expectRejected(withInput(input), "input[256]", "invalid_value");
}

}  // namespace claude_proxy::openai
