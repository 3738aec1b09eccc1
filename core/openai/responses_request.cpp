#include "openai/responses_request.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>

#include "json/bounded_json.hpp"
#include "openai/api_error.hpp"
#include "openai/content_parts.hpp"
#include "openai/generation_options.hpp"
#include "openai/media_part.hpp"
#include "openai/request_fields.hpp"
#include "openai/tool_request_parser.hpp"

namespace claude_proxy::openai {
namespace {

using Value = rapidjson::Value;
using namespace fields;

constexpr std::int64_t kMaxOutputTokens = 128000;

// ---- input -------------------------------------------------------------------------------------

// An input_image part: `image_url` (a data: or http(s) URL) and `detail`; `file_id` refers to
// a file store the proxy does not have.
MediaPart imageOf(const Value& part, const std::string& param) {
    if (hasMember(part, "file_id") && memberOf(part, "file_id") != nullptr) {
        failUnsupported(dotted(param, "file_id"),
                        "Uploaded files are not supported: the proxy keeps no files. Send the "
                        "image as a data: URL in image_url.");
    }
    std::string detail;
    if (const Value* value = memberOf(part, "detail")) {
        if (!value->IsString()) {
            failType(dotted(param, "detail"), "a string", *value);
        }
        detail = textOf(*value, dotted(param, "detail"));
    }
    const std::string urlParam = dotted(param, "image_url");
    return parseImageUrl(requireString(part, "image_url", param), detail, urlParam,
                         dotted(param, "detail"));
}

// An input_file part: a PDF as `file_data` (a data: URL).
MediaPart fileOf(const Value& part, const std::string& param) {
    for (const char* field : {"file_id", "file_url"}) {
        if (memberOf(part, field) != nullptr) {
            failUnsupported(dotted(param, field),
                            std::string(field) +
                                " is not supported: the proxy keeps and fetches no files. Send "
                                "the PDF as a data: URL in file_data.");
        }
    }
    const std::string dataParam = dotted(param, "file_data");
    return parsePdfDataUrl(requireString(part, "file_data", param), dataParam);
}

constexpr std::array<TextPartType, 4> kTextParts = {
    {{"input_text", "text"}, {"output_text", "text"}, {"text", "text"}, {"refusal", "refusal"}}};
constexpr std::array<MediaPartType, 2> kMediaParts = {
    {{"input_image", imageOf}, {"input_file", fileOf}}};
constexpr ContentPartTypes kContentParts = {
    kTextParts, kMediaParts, "input_text, output_text, refusal, input_image and input_file (PDF)"};

Role messageRole(const Value& item, const std::string& param) {
    const std::string role = requireString(item, "role", param);
    if (role == "user") {
        return Role::User;
    }
    if (role == "assistant") {
        return Role::Assistant;
    }
    if (role == "system") {
        return Role::System;
    }
    if (role == "developer") {
        return Role::Developer;
    }
    failValue(dotted(param, "role"),
              "'" + echo(role) + "' is not one of 'user', 'assistant', 'system', 'developer'.");
}

// The assistant turn that function_call items join: the last message when it is the
// assistant's and nothing else came after it, else a new empty one.
ChatMessage& openAssistantTurn(std::vector<ChatMessage>& messages, bool& lastIsOpenAssistant) {
    if (!lastIsOpenAssistant) {
        ChatMessage turn;
        turn.role = Role::Assistant;
        messages.push_back(std::move(turn));
        lastIsOpenAssistant = true;
    }
    return messages.back();
}

std::string itemId(const Value& item, const char* field, const std::string& param) {
    const std::string id = requireString(item, field, param);
    if (id.empty()) {
        failValue(dotted(param, field), "must not be empty.");
    }
    return id;
}

// Item types of built-in tools and stored items: refused by name.
constexpr std::array<std::string_view, 16> kRefusedItemTypes = {
    "item_reference",
    "web_search_call",
    "file_search_call",
    "computer_call",
    "computer_call_output",
    "image_generation_call",
    "code_interpreter_call",
    "local_shell_call",
    "local_shell_call_output",
    "mcp_list_tools",
    "mcp_approval_request",
    "mcp_approval_response",
    "mcp_call",
    "custom_tool_call",
    "custom_tool_call_output",
    "compaction",
};

void parseItem(const Value& item, std::size_t index, std::vector<ChatMessage>& messages,
               bool& lastIsOpenAssistant) {
    const std::string param = indexed("input", index);
    if (!item.IsObject()) {
        failType(param, "an object", item);
    }
    std::string type = "message";
    if (const Value* typeValue = memberOf(item, "type")) {
        if (!typeValue->IsString()) {
            failType(dotted(param, "type"), "a string", *typeValue);
        }
        type = textOf(*typeValue, dotted(param, "type"));
    }
    if (type == "message") {
        ChatMessage message;
        message.role = messageRole(item, param);
        const Value* content = memberOf(item, "content");
        if (content == nullptr) {
            failMissing(dotted(param, "content"));
        }
        readContentParts(*content, dotted(param, "content"), kContentParts, message);
        messages.push_back(std::move(message));
        lastIsOpenAssistant = messages.back().role == Role::Assistant;
        return;
    }
    if (type == "function_call") {
        ChatMessage& turn = openAssistantTurn(messages, lastIsOpenAssistant);
        if (turn.toolCalls.size() >= kMaxToolCallsPerMessage) {
            failValue(param, "an assistant turn may hold at most " +
                                 std::to_string(kMaxToolCallsPerMessage) + " function calls.");
        }
        turn.toolCalls.push_back(
            parseFunctionCallItem(item, param, itemId(item, "call_id", param)));
        return;
    }
    if (type == "function_call_output") {
        ChatMessage result;
        result.role = Role::Tool;
        result.toolCallId = itemId(item, "call_id", param);
        const Value* output = memberOf(item, "output");
        if (output == nullptr) {
            failMissing(dotted(param, "output"));
        }
        readContentParts(*output, dotted(param, "output"), kContentParts, result);
        messages.push_back(std::move(result));
        lastIsOpenAssistant = false;
        return;
    }
    if (type == "reasoning") {
        // Earlier thinking is the model's own business; it is not replayed.
        return;
    }
    if (std::find(kRefusedItemTypes.begin(), kRefusedItemTypes.end(), type) !=
        kRefusedItemTypes.end()) {
        const std::string why = type == "item_reference"
                                    ? "single items cannot be looked up; send the items "
                                      "themselves, or continue a stored response with "
                                      "previous_response_id."
                                    : "the proxy has no built-in tools.";
        failUnsupported(dotted(param, "type"),
                        "Input item type '" + type + "' is not supported: " + why);
    }
    failValue(dotted(param, "type"),
              "'" + echo(type) +
                  "' is not one of 'message', 'function_call', 'function_call_output', "
                  "'reasoning'.");
}

std::vector<ChatMessage> parseInput(const Value& root) {
    const Value* input = memberOf(root, "input");
    if (input == nullptr) {
        failMissing("input");
    }
    std::vector<ChatMessage> messages;
    if (input->IsString()) {
        ChatMessage message;
        message.role = Role::User;
        message.content = textOf(*input, "input");
        messages.push_back(std::move(message));
        return messages;
    }
    if (!input->IsArray()) {
        failType("input", "a string or an array of input items", *input);
    }
    if (input->Empty()) {
        throw ApiError::invalidRequest(
            "Invalid 'input': empty array. Expected a string or at least one input item.", "input",
            "empty_array");
    }
    failIfLonger("input", *input, kMaxMessages);
    messages.reserve(input->Size());
    bool lastIsOpenAssistant = false;
    for (rapidjson::SizeType i = 0; i < input->Size(); ++i) {
        parseItem((*input)[i], i, messages, lastIsOpenAssistant);
    }
    checkMediaCount(messages);
    const bool onlyReasoning = messages.empty();
    if (onlyReasoning) {
        failValue("input", "holds no message, function call or function call output.");
    }
    return messages;
}

// ---- the other fields --------------------------------------------------------------------------

std::optional<double> numberOf(const Value& root, const char* name) {
    const Value* value = memberOf(root, name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->IsNumber()) {
        failType(name, "a number", *value);
    }
    return value->GetDouble();
}

void parseText(const Value& root, bool hasTools, ResponsesRequest& request) {
    const Value* text = memberOf(root, "text");
    if (text == nullptr) {
        return;
    }
    if (!text->IsObject()) {
        failType("text", "an object", *text);
    }
    if (const Value* format = memberOf(*text, "format")) {
        parseResponseFormat(*format, "text.format", false, hasTools, request.chat.generation);
        request.textFormatJson = json::compact(*format);
    }
    if (const Value* verbosity = memberOf(*text, "verbosity")) {
        if (!verbosity->IsString()) {
            failType("text.verbosity", "a string", *verbosity);
        }
        request.textVerbosity = textOf(*verbosity, "text.verbosity");
        if (request.textVerbosity != "low" && request.textVerbosity != "medium" &&
            request.textVerbosity != "high") {
            failValue("text.verbosity", "'" + echo(request.textVerbosity) +
                                            "' is not one of 'low', 'medium', 'high'.");
        }
    }
}

void parseReasoning(const Value& root, ResponsesRequest& request) {
    const Value* reasoning = memberOf(root, "reasoning");
    if (reasoning == nullptr) {
        return;
    }
    if (!reasoning->IsObject()) {
        failType("reasoning", "an object", *reasoning);
    }
    if (const Value* effort = memberOf(*reasoning, "effort")) {
        if (!effort->IsString()) {
            failType("reasoning.effort", "a string", *effort);
        }
        const std::string value = textOf(*effort, "reasoning.effort");
        request.chat.generation.effort = effortFor(value);
        if (!request.chat.generation.effort) {
            failValue("reasoning.effort", "'" + echo(value) +
                                              "' is not one of 'none', 'minimal', 'low', "
                                              "'medium', 'high', 'xhigh'.");
        }
    }
    // "summary" (and the older "generate_summary"): auto, concise, detailed. The summary we
    // return is the model's thinking as the CLI reports it, whichever is asked.
    for (const char* name : {"summary", "generate_summary"}) {
        const std::string param = std::string("reasoning.") + name;
        if (const Value* summary = memberOf(*reasoning, name)) {
            if (!summary->IsString()) {
                failType(param, "a string", *summary);
            }
            const std::string value = textOf(*summary, param);
            if (value != "auto" && value != "concise" && value != "detailed") {
                failValue(param,
                          "'" + echo(value) + "' is not one of 'auto', 'concise', 'detailed'.");
            }
            request.reasoningSummary = value;
        }
    }
}

void parseMaxOutputTokens(const Value& root, ResponsesRequest& request) {
    const Value* limit = memberOf(root, "max_output_tokens");
    if (limit == nullptr) {
        return;
    }
    if (!isInteger(*limit)) {
        failType("max_output_tokens", "an integer", *limit);
    }
    const long long value = integerOf(*limit);
    if (value < 1 || value > kMaxOutputTokens) {
        failValue("max_output_tokens",
                  "must be from 1 to " + std::to_string(kMaxOutputTokens) + ".");
    }
    request.chat.generation.maxTokens = value;
}

// Fields that ask for something the proxy cannot do; each is accepted in its neutral form.
// Returns false when `name` is not one of them.
bool checkCapability(const std::string& name, const Value& value) {
    if (name == "background") {
        if (!value.IsBool()) {
            failType(name, "a boolean", value);
        }
        if (value.GetBool()) {
            failUnsupported(name, "Background responses are not supported.");
        }
    } else if (name == "conversation") {
        failUnsupported(name,
                        "Conversation objects are not supported: the proxy keeps none. "
                        "Send the whole conversation as 'input'.");
    } else if (name == "prompt") {
        failUnsupported(name, "Prompt templates are not supported.");
    } else if (name == "top_logprobs") {
        if (!isInteger(value)) {
            failType(name, "an integer", value);
        }
        if (integerOf(value) > 0) {
            failUnsupported(name,
                            "top_logprobs is not supported: the claude CLI does not expose "
                            "token log probabilities.");
        }
    } else {
        return false;
    }
    return true;
}

// Accepted, type-checked, and otherwise left alone (the CLI has no knob for them).
constexpr std::array<AcceptedField, 7> kAcceptedFields = {{
    {"service_tier", Expect::String},
    {"include", Expect::Array},
    {"safety_identifier", Expect::String},
    {"prompt_cache_key", Expect::String},
    {"prompt_cache_retention", Expect::String},
    {"max_tool_calls", Expect::Integer},
    {"stream_options", Expect::Object},
}};

bool isReadField(const std::string& name) {
    return name == "previous_response_id" || name == "store" || name == "model" ||
           name == "input" || name == "instructions" || name == "stream" || name == "tools" ||
           name == "tool_choice" || name == "parallel_tool_calls" || name == "text" ||
           name == "reasoning" || name == "max_output_tokens" || name == "metadata" ||
           name == "temperature" || name == "top_p" || name == "user" || name == "truncation";
}

void parseContinuation(const Value& root, ResponsesRequest& request) {
    if (const Value* previous = memberOf(root, "previous_response_id")) {
        if (!previous->IsString()) {
            failType("previous_response_id", "a string", *previous);
        }
        request.previousResponseId = textOf(*previous, "previous_response_id");
        if (request.previousResponseId->empty()) {
            failValue("previous_response_id", "must not be empty.");
        }
    }
    if (const Value* store = memberOf(root, "store")) {
        if (!store->IsBool()) {
            failType("store", "a boolean", *store);
        }
        request.store = store->GetBool();
    }
}

void parseEchoedFields(const Value& root, ResponsesRequest& request) {
    if (const Value* metadata = memberOf(root, "metadata")) {
        if (!metadata->IsObject()) {
            failType("metadata", "an object", *metadata);
        }
        request.metadataJson = json::compact(*metadata);
    }
    request.temperature = numberOf(root, "temperature");
    request.topP = numberOf(root, "top_p");
    if (const Value* user = memberOf(root, "user")) {
        if (!user->IsString()) {
            failType("user", "a string", *user);
        }
        request.user = textOf(*user, "user");
    }
    if (const Value* truncation = memberOf(root, "truncation")) {
        if (!truncation->IsString()) {
            failType("truncation", "a string", *truncation);
        }
        request.truncation = textOf(*truncation, "truncation");
        if (request.truncation != "disabled" && request.truncation != "auto") {
            failValue("truncation",
                      "'" + echo(request.truncation) + "' is not one of 'disabled', 'auto'.");
        }
    }
}

}  // namespace

ResponsesRequest parseResponsesRequest(std::string_view body, const ModelCatalog& catalog) {
    rapidjson::Document document;
    parseBody(document, body);

    ResponsesRequest request;
    ChatRequest& chat = request.chat;
    const Value* model = memberOf(document, "model");
    if (model != nullptr && !model->IsString()) {
        failType("model", "a string", *model);
    }
    chat.requestedModel = model == nullptr ? catalog.defaultModel() : textOf(*model, "model");

    if (const Value* instructions = memberOf(document, "instructions")) {
        if (!instructions->IsString()) {
            failType("instructions", "a string", *instructions);
        }
        request.instructions = textOf(*instructions, "instructions");
    }
    chat.messages = parseInput(document);
    if (request.instructions && !request.instructions->empty()) {
        ChatMessage system;
        system.role = Role::System;
        system.content = *request.instructions;
        chat.messages.insert(chat.messages.begin(), std::move(system));
    }

    if (const Value* stream = memberOf(document, "stream")) {
        if (!stream->IsBool()) {
            failType("stream", "a boolean", *stream);
        }
        chat.stream = stream->GetBool();
    }
    // The Responses API always reports usage at the end (in response.completed).
    chat.includeUsage = true;
    chat.tools = parseResponsesToolRequest(document);
    parseText(document, !chat.tools.tools.empty(), request);
    parseReasoning(document, request);
    parseMaxOutputTokens(document, request);
    parseContinuation(document, request);
    parseEchoedFields(document, request);
    checkOtherFields(document, {isReadField, checkCapability, kAcceptedFields},
                     request.chat.ignored);

    chat.cliModel = catalog.resolve(chat.requestedModel);
    return request;
}

namespace {

bool startsWithInstructions(const ResponsesRequest& request) {
    return request.instructions && !request.instructions->empty() &&
           !request.chat.messages.empty() && request.chat.messages.front().role == Role::System;
}

}  // namespace

std::vector<ChatMessage> continuedConversation(const ResponsesRequest& request,
                                               const std::vector<ChatMessage>& history) {
    const auto& messages = request.chat.messages;
    const auto input = messages.begin() + (startsWithInstructions(request) ? 1 : 0);
    std::vector<ChatMessage> out;
    out.reserve(messages.size() + history.size());
    out.insert(out.end(), messages.begin(), input);
    out.insert(out.end(), history.begin(), history.end());
    out.insert(out.end(), input, messages.end());
    return out;
}

std::vector<ChatMessage> storedConversation(const ResponsesRequest& request, ChatMessage reply) {
    const auto& messages = request.chat.messages;
    std::vector<ChatMessage> out(messages.begin() + (startsWithInstructions(request) ? 1 : 0),
                                 messages.end());
    out.push_back(std::move(reply));
    return out;
}

}  // namespace claude_proxy::openai
