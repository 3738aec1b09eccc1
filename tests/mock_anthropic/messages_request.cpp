#include "messages_request.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace mock_anthropic {
namespace {

// The member's value, or nullptr when the object has no such member.
const rapidjson::Value* findMember(const rapidjson::Value& object, const char* name) {
    const auto found = object.FindMember(name);
    return found == object.MemberEnd() ? nullptr : &found->value;
}

std::string stringMember(const rapidjson::Value& object, const char* name) {
    const rapidjson::Value* value = findMember(object, name);
    if (value == nullptr || !value->IsString()) {
        return {};
    }
    return {value->GetString(), value->GetStringLength()};
}

// The text blocks of a content array, one string each; a plain string is one "block".
std::vector<std::string> textBlocks(const rapidjson::Value& content) {
    std::vector<std::string> texts;
    if (content.IsString()) {
        texts.emplace_back(content.GetString(), content.GetStringLength());
        return texts;
    }
    if (!content.IsArray()) {
        return texts;
    }
    for (const auto& block : content.GetArray()) {
        if (block.IsObject() && stringMember(block, "type") == "text") {
            texts.push_back(stringMember(block, "text"));
        }
    }
    return texts;
}

// The types of the content blocks in order, and the images among them.
void describeBlocks(const rapidjson::Value& content, MessageText& entry) {
    if (content.IsString()) {
        entry.blockTypes.emplace_back("text");
        return;
    }
    if (!content.IsArray()) {
        return;
    }
    for (const auto& block : content.GetArray()) {
        if (!block.IsObject()) {
            continue;
        }
        const std::string type = stringMember(block, "type");
        entry.blockTypes.push_back(type);
        const rapidjson::Value* source = findMember(block, "source");
        if (type == "image" && source != nullptr && source->IsObject()) {
            entry.images.push_back(
                {stringMember(*source, "media_type"), stringMember(*source, "data")});
        }
    }
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string result;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            result += separator;
        }
        result += parts[i];
    }
    return result;
}

}  // namespace

std::optional<MessagesRequest> parseMessagesRequest(std::string_view body, std::string& error) {
    rapidjson::Document document;
    document.Parse(body.data(), body.size());
    if (document.HasParseError()) {
        error = std::string("body is not valid JSON: ") +
                rapidjson::GetParseError_En(document.GetParseError());
        return std::nullopt;
    }
    if (!document.IsObject()) {
        error = "body is not a JSON object";
        return std::nullopt;
    }
    const rapidjson::Value* messages = findMember(document, "messages");
    if (messages == nullptr || !messages->IsArray()) {
        error = "messages: field required";
        return std::nullopt;
    }

    MessagesRequest request;
    request.model = stringMember(document, "model");
    const rapidjson::Value* stream = findMember(document, "stream");
    request.stream = stream != nullptr && stream->IsBool() && stream->GetBool();
    if (const rapidjson::Value* system = findMember(document, "system")) {
        request.systemTexts = textBlocks(*system);
    }
    for (const auto& message : messages->GetArray()) {
        if (!message.IsObject()) {
            continue;
        }
        MessageText entry{stringMember(message, "role"), {}, {}, {}};
        if (const rapidjson::Value* content = findMember(message, "content")) {
            entry.text = joined(textBlocks(*content), "\n");
            describeBlocks(*content, entry);
        }
        if (entry.role == "user") {
            request.lastUserText = entry.text;
        } else if (entry.role == "assistant") {
            request.lastAssistantText = entry.text;
        }
        request.messages.push_back(std::move(entry));
    }
    return request;
}

const std::string& MessagesRequest::markerText() const {
    return lastUserText.find("MOCK:") == std::string::npos && !lastAssistantText.empty()
               ? lastAssistantText
               : lastUserText;
}

}  // namespace mock_anthropic
