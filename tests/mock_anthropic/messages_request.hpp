#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mock_anthropic {

struct MessageImage {
    std::string mediaType;  // source.media_type
    std::string data;       // source.data (base64)
};

struct MessageText {
    std::string role;
    std::string text;  // a string content as is, or its text blocks joined with '\n'
    std::vector<std::string>
        blockTypes;                    // the content blocks' types in order ("text" for a string)
    std::vector<MessageImage> images;  // base64 image blocks, in order
};

// The parts of a Messages API request body the mock cares about.
struct MessagesRequest {
    std::string model;
    bool stream = false;
    std::vector<std::string> systemTexts;  // "system" as one string or its text blocks
    std::vector<MessageText> messages;
    std::string lastUserText;       // text of the last message with role "user" ("" if none)
    std::string lastAssistantText;  // text of the last message with role "assistant"

    // Where the markers are read from: the last user message, or, when it holds none, the
    // last assistant message (so a reply can script what follows a marker-less user turn,
    // such as a nudge or a continuation prompt).
    const std::string& markerText() const;
};

// Parses a request body. nullopt (with `error` filled in) when it is not a JSON object with a
// "messages" array.
std::optional<MessagesRequest> parseMessagesRequest(std::string_view body, std::string& error);

}  // namespace mock_anthropic
