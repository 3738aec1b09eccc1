#pragma once

#include <rapidjson/document.h>

#include <span>
#include <string>
#include <string_view>

#include "openai/chat_request.hpp"

namespace claude_proxy::openai {

// A content part type and where its text is ("text", or "refusal" for a refusal part).
struct TextPartType {
    std::string_view type;
    const char* field;
};

// A content part type that holds an image or a document, and how to read one.
struct MediaPartType {
    std::string_view type;
    MediaPart (*read)(const rapidjson::Value& part, const std::string& param);
};

// How one API spells its content parts; the list of accepted names goes into error messages.
struct ContentPartTypes {
    std::span<const TextPartType> text;
    std::span<const MediaPartType> media;
    std::string_view acceptedNames;  // e.g. "text, image_url and file (PDF)"
};

// Reads `content` (a string or an array of parts) into `message`: text parts joined with "\n"
// into its content, media parts (user messages only) into its media, each placed after the text
// before it. Any other part is a 400 unsupported_content naming `param[j].type`. Shared by chat
// completions and the Responses API. Pure.
void readContentParts(const rapidjson::Value& content, const std::string& param,
                      const ContentPartTypes& types, ChatMessage& message);

}  // namespace claude_proxy::openai
