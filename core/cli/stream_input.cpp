#include "cli/stream_input.hpp"

#include <algorithm>

#include "openai/json_writer.hpp"
#include "openai/media_part.hpp"

namespace claude_proxy::cli {

namespace {

void textBlock(openai::JsonWriter& json, std::string_view text) {
    json.startObject();
    json.member("type", "text");
    json.member("text", text);
    json.endObject();
}

// Anthropic refuses text blocks without any non-whitespace text.
bool blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void mediaBlock(openai::JsonWriter& json, const openai::MediaPart& part) {
    json.startObject();
    json.member("type", openai::isDocument(part) ? "document" : "image");
    json.key("source");
    json.startObject();
    json.member("type", "base64");
    json.member("media_type", part.mediaType);
    json.member("data", part.base64);
    json.endObject();
    json.endObject();
}

}  // namespace

std::string userTurnLine(std::string_view text, const std::vector<openai::MediaPart>& media) {
    openai::JsonWriter json;
    json.startObject();
    json.member("type", "user");
    json.key("message");
    json.startObject();
    json.member("role", "user");
    json.key("content");
    json.startArray();
    if (media.empty()) {
        textBlock(json, text);
    } else {
        std::size_t done = 0;
        for (const auto& part : media) {
            const std::size_t cut = std::clamp(part.offset, done, text.size());
            if (!blank(text.substr(done, cut - done))) {
                textBlock(json, text.substr(done, cut - done));
            }
            done = cut;
            mediaBlock(json, part);
        }
        if (!blank(text.substr(done))) {
            textBlock(json, text.substr(done));
        }
    }
    json.endArray();
    json.endObject();
    json.endObject();
    return json.str() + "\n";
}

namespace {

template <typename Fields>
std::string controlRequest(std::string_view requestId, std::string_view subtype, Fields fields) {
    openai::JsonWriter json;
    json.startObject();
    json.member("type", "control_request");
    json.member("request_id", requestId);
    json.key("request");
    json.startObject();
    json.member("subtype", subtype);
    fields(json);
    json.endObject();
    json.endObject();
    return json.str() + "\n";
}

}  // namespace

std::string initializeLine(std::string_view requestId, std::string_view systemPrompt, bool append,
                           const std::optional<std::string>& jsonSchema) {
    return controlRequest(requestId, "initialize", [&](openai::JsonWriter& json) {
        json.member(append ? "appendSystemPrompt" : "systemPrompt", systemPrompt);
        if (jsonSchema) {
            json.key("jsonSchema");
            json.raw(*jsonSchema);
        }
    });
}

std::string turnSettingsLine(std::string_view requestId, const std::optional<std::string>& effort,
                             const std::optional<std::int64_t>& maxTokens) {
    return controlRequest(requestId, "apply_flag_settings", [&](openai::JsonWriter& json) {
        json.key("settings");
        json.startObject();
        if (effort) {
            json.member("effortLevel", *effort);
        } else {
            json.memberNull("effortLevel");
        }
        json.key("env");
        json.startObject();
        json.member("CLAUDE_CODE_MAX_OUTPUT_TOKENS",
                    maxTokens ? std::to_string(*maxTokens) : std::string());
        json.endObject();
        json.endObject();
    });
}

std::string setModelLine(std::string_view requestId, std::string_view model) {
    return controlRequest(requestId, "set_model",
                          [&](openai::JsonWriter& json) { json.member("model", model); });
}

}  // namespace claude_proxy::cli
