#include "openai/content_parts.hpp"

#include "openai/api_error.hpp"
#include "openai/request_fields.hpp"

namespace claude_proxy::openai {

using namespace fields;

namespace {

// Where a refused media part was: "assistant messages", "tool results", …
std::string placeOf(Role role) {
    if (role == Role::Tool) {
        return "tool results";
    }
    return std::string(roleName(role)) + " messages";
}

}  // namespace

void readContentParts(const rapidjson::Value& content, const std::string& param,
                      const ContentPartTypes& types, ChatMessage& message) {
    if (content.IsString()) {
        message.content = textOf(content, param);
        return;
    }
    if (!content.IsArray()) {
        failType(param, "a string or an array of content parts", content);
    }
    failIfLonger(param, content, kMaxContentParts);
    std::string& text = message.content;
    bool anyText = false;
    for (rapidjson::SizeType j = 0; j < content.Size(); ++j) {
        const rapidjson::Value& part = content[j];
        const std::string partParam = indexed(param, j);
        if (!part.IsObject()) {
            failType(partParam, "an object", part);
        }
        const std::string type = requireString(part, "type", partParam);
        const TextPartType* textType = nullptr;
        for (const auto& candidate : types.text) {
            textType = candidate.type == type ? &candidate : textType;
        }
        if (textType != nullptr) {
            if (anyText) {
                text += '\n';
            }
            text += requireString(part, textType->field, partParam);
            anyText = true;
            continue;
        }
        const MediaPartType* mediaType = nullptr;
        for (const auto& candidate : types.media) {
            mediaType = candidate.type == type ? &candidate : mediaType;
        }
        if (mediaType == nullptr) {
            throw ApiError::invalidRequest(
                "Content part type '" + echo(type) + "' is not supported; " +
                    std::string(types.acceptedNames) + " parts are accepted.",
                dotted(partParam, "type"), "unsupported_content");
        }
        if (message.role != Role::User) {
            throw ApiError::invalidRequest("Content part type '" + type +
                                               "' is only accepted in user messages, not in " +
                                               placeOf(message.role) + ".",
                                           dotted(partParam, "type"), "unsupported_content");
        }
        MediaPart media = mediaType->read(part, partParam);
        media.offset = text.size();
        message.media.push_back(std::move(media));
    }
}

}  // namespace claude_proxy::openai
