#include "openai/chat_request.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <limits>

#include "openai/api_error.hpp"
#include "openai/content_parts.hpp"
#include "openai/media_part.hpp"
#include "openai/request_fields.hpp"
#include "openai/tool_request_parser.hpp"
#include "openai/utf8.hpp"

namespace claude_proxy::openai {

std::string_view roleName(Role role) {
    switch (role) {
        case Role::System:
            return "system";
        case Role::Developer:
            return "developer";
        case Role::User:
            return "user";
        case Role::Assistant:
            return "assistant";
        case Role::Tool:
            return "tool";
    }
    return "user";
}

namespace {

using Value = rapidjson::Value;
using namespace fields;

constexpr std::size_t kMaxNameLength = 64;

// ---- messages ----------------------------------------------------------------------------------

bool isValidName(std::string_view name) {
    return !name.empty() && name.size() <= kMaxNameLength &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
           });
}

// The image of an "image_url" part: {"url": …, "detail": …} (or, as some clients send it, the
// URL as a plain string).
MediaPart imagePart(const Value& part, const std::string& partParam) {
    const std::string imageParam = dotted(partParam, "image_url");
    const Value* image = memberOf(part, "image_url");
    if (image == nullptr) {
        failMissing(imageParam);
    }
    if (image->IsString()) {
        return parseImageUrl(textOf(*image, imageParam), "", imageParam,
                             dotted(imageParam, "detail"));
    }
    if (!image->IsObject()) {
        failType(imageParam, "an object", *image);
    }
    const std::string url = requireString(*image, "url", imageParam);
    std::string detail;
    const std::string detailParam = dotted(imageParam, "detail");
    if (const Value* value = memberOf(*image, "detail")) {
        if (!value->IsString()) {
            failType(detailParam, "a string", *value);
        }
        detail = textOf(*value, detailParam);
    }
    return parseImageUrl(url, detail, dotted(imageParam, "url"), detailParam);
}

// The PDF of a "file" part: {"file_data": "data:application/pdf;base64,…", "filename": …}.
MediaPart filePart(const Value& part, const std::string& partParam) {
    const std::string fileParam = dotted(partParam, "file");
    const Value* file = memberOf(part, "file");
    if (file == nullptr) {
        failMissing(fileParam);
    }
    if (!file->IsObject()) {
        failType(fileParam, "an object", *file);
    }
    if (const Value* name = memberOf(*file, "filename"); name != nullptr && !name->IsString()) {
        failType(dotted(fileParam, "filename"), "a string", *name);
    }
    if (memberOf(*file, "file_id") != nullptr) {
        throw ApiError::invalidRequest(
            "file_id is not supported: the proxy keeps no uploaded files. Send the PDF inline as "
            "file_data ('data:application/pdf;base64,…').",
            dotted(fileParam, "file_id"), "unsupported_content");
    }
    const std::string dataParam = dotted(fileParam, "file_data");
    return parsePdfDataUrl(requireString(*file, "file_data", fileParam), dataParam);
}

constexpr std::array<TextPartType, 3> kTextParts = {
    {{"text", "text"}, {"input_text", "text"}, {"output_text", "text"}}};
constexpr std::array<MediaPartType, 2> kMediaParts = {
    {{"image_url", imagePart}, {"file", filePart}}};
constexpr ContentPartTypes kContentParts = {kTextParts, kMediaParts,
                                            "text, image_url and file (PDF)"};

ChatMessage parseMessage(const Value& value, std::size_t index) {
    const std::string param = indexed("messages", index);
    if (!value.IsObject()) {
        failType(param, "an object", value);
    }
    ChatMessage message;

    const std::string roleParam = dotted(param, "role");
    const std::string role = requireString(value, "role", param);
    bool legacyFunction = false;
    if (role == "system") {
        message.role = Role::System;
    } else if (role == "developer") {
        message.role = Role::Developer;
    } else if (role == "user") {
        message.role = Role::User;
    } else if (role == "assistant") {
        message.role = Role::Assistant;
    } else if (role == "tool") {
        message.role = Role::Tool;
    } else if (role == "function") {
        message.role = Role::Tool;
        legacyFunction = true;
    } else {
        failValue(roleParam, "'" + echo(role) +
                                 "' is not one of 'system', 'developer', 'user', 'assistant', "
                                 "'tool'.");
    }

    const std::string nameParam = dotted(param, "name");
    if (const Value* name = memberOf(value, "name")) {
        if (!name->IsString()) {
            failType(nameParam, "a string", *name);
        }
        message.name = textOf(*name, nameParam);
        if (!isValidName(message.name)) {
            failValue(nameParam, "'" + echo(message.name) +
                                     "' must be 1 to 64 characters from a-z, A-Z, 0-9, '_' and "
                                     "'-'.");
        }
    } else if (legacyFunction) {
        failMissing(nameParam);
    }

    const std::string contentParam = dotted(param, "content");
    if (const Value* content = memberOf(value, "content")) {
        readContentParts(*content, contentParam, kContentParts, message);
    } else if (message.role != Role::Assistant) {
        // Only an assistant turn may go without content (it may consist of tool calls alone).
        if (hasMember(value, "content")) {
            failType(contentParam, "a string or an array of content parts",
                     value.FindMember("content")->value);
        }
        failMissing(contentParam);
    }

    if (message.role == Role::Tool && !legacyFunction) {
        message.toolCallId = requireString(value, "tool_call_id", param);
    }
    if (message.role == Role::Assistant) {
        message.toolCalls = parseToolCalls(value, param);
    }
    return message;
}

std::vector<ChatMessage> parseMessages(const Value& root) {
    const auto found = root.FindMember("messages");
    if (found == root.MemberEnd() || found->value.IsNull()) {
        failMissing("messages");
    }
    const Value& messages = found->value;
    if (!messages.IsArray()) {
        failType("messages", "an array", messages);
    }
    if (messages.Empty()) {
        throw ApiError::invalidRequest(
            "Invalid 'messages': empty array. Expected an array with at least one message.",
            "messages", "empty_array");
    }
    failIfLonger("messages", messages, kMaxMessages);
    std::vector<ChatMessage> out;
    out.reserve(messages.Size());
    for (rapidjson::SizeType i = 0; i < messages.Size(); ++i) {
        out.push_back(parseMessage(messages[i], i));
    }
    checkMediaCount(out);
    return out;
}

// ---- other top-level fields --------------------------------------------------------------------

void parseStreamOptions(const Value& root, ChatRequest& request) {
    const Value* options = memberOf(root, "stream_options");
    if (options == nullptr) {
        return;
    }
    if (!options->IsObject()) {
        failType("stream_options", "an object", *options);
    }
    for (auto it = options->MemberBegin(); it != options->MemberEnd(); ++it) {
        const std::string key(it->name.GetString(), it->name.GetStringLength());
        if (key == "include_usage") {
            if (it->value.IsNull()) {
                continue;
            }
            if (!it->value.IsBool()) {
                failType("stream_options.include_usage", "a boolean", it->value);
            }
            request.includeUsage = it->value.GetBool();
        } else {
            request.ignored.push_back("stream_options." + key);
        }
    }
}

// Fields we accept, check the type of, and otherwise leave alone: the CLI has no knob for them.
constexpr std::array<AcceptedField, 10> kAcceptedFields = {{
    {"temperature", Expect::Number},
    {"top_p", Expect::Number},
    {"presence_penalty", Expect::Number},
    {"frequency_penalty", Expect::Number},
    {"user", Expect::String},
    {"seed", Expect::Integer},
    {"logit_bias", Expect::Object},
    {"metadata", Expect::Object},
    {"store", Expect::Boolean},
    {"service_tier", Expect::String},
}};

bool isGenerationField(const std::string& name) {
    return name == "response_format" || name == "reasoning_effort" || name == "stop" ||
           name == "max_tokens" || name == "max_completion_tokens";
}

// Fields that ask for something the proxy cannot do. Each is accepted only in its neutral form.
// Returns false when `name` is not one of them.
bool checkCapability(const std::string& name, const Value& value) {
    if (name == "n") {
        if (!isInteger(value)) {
            failType(name, "an integer", value);
        }
        if (integerOf(value) < 1) {
            failValue(name, "must be at least 1.");
        }
        if (integerOf(value) > 1) {
            failUnsupported(name, "Only n=1 is supported: the proxy returns a single choice.");
        }
    } else if (name == "logprobs") {
        if (!value.IsBool()) {
            failType(name, "a boolean", value);
        }
        if (value.GetBool()) {
            failUnsupported(name,
                            "logprobs are not supported: the claude CLI does not expose "
                            "token log probabilities.");
        }
    } else if (name == "top_logprobs") {
        if (!isInteger(value)) {
            failType(name, "an integer", value);
        }
        if (integerOf(value) < 0) {
            failValue(name, "must be at least 0.");
        }
        if (integerOf(value) > 0) {
            failUnsupported(name,
                            "top_logprobs is not supported: the claude CLI does not "
                            "expose token log probabilities.");
        }
    } else if (name == "audio") {
        failUnsupported(name, "Audio output is not supported; only text is produced.");
    } else if (name == "modalities") {
        if (!value.IsArray()) {
            failType(name, "an array", value);
        }
        for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
            if (!value[i].IsString()) {
                failType(indexed(name, i), "a string", value[i]);
            }
            const std::string modality(value[i].GetString(), value[i].GetStringLength());
            if (modality != "text") {
                failUnsupported(name, "Output modality '" + echo(modality) +
                                          "' is not supported; only 'text' is.");
            }
        }
    } else if (name == "prediction") {
        failUnsupported(name, "Predicted outputs are not supported.");
    } else if (name == "web_search_options") {
        failUnsupported(name,
                        "Web search is not supported: the CLI runs with its tools turned off.");
    } else {
        return false;
    }
    return true;
}

// Read by the parsers above (or by parseToolRequest / parseGenerationFields).
bool isReadField(const std::string& name) {
    return name == "model" || name == "messages" || name == "stream" || name == "stream_options" ||
           isToolField(name) || isGenerationField(name);
}

}  // namespace

ChatRequest parseChatRequest(std::string_view body, const ModelCatalog& catalog) {
    rapidjson::Document document;
    parseBody(document, body);

    ChatRequest request;
    const Value* model = memberOf(document, "model");
    if (model != nullptr && !model->IsString()) {
        failType("model", "a string", *model);
    }
    request.requestedModel = model == nullptr ? catalog.defaultModel() : textOf(*model, "model");

    request.messages = parseMessages(document);

    if (const Value* stream = memberOf(document, "stream")) {
        if (!stream->IsBool()) {
            failType("stream", "a boolean", *stream);
        }
        request.stream = stream->GetBool();
    }
    parseStreamOptions(document, request);
    request.tools = parseToolRequest(document);
    parseGenerationFields(document, !request.tools.tools.empty(), request.generation);
    // The rest: refuse what cannot be honoured, check the type of what is accepted, and record
    // it all (unknown extras included) as ignored.
    checkOtherFields(document, {isReadField, checkCapability, kAcceptedFields}, request.ignored);

    request.cliModel = catalog.resolve(request.requestedModel);
    return request;
}

}  // namespace claude_proxy::openai
