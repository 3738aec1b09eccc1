#include "conversation_client.hpp"

#include <rapidjson/document.h>

#include "support/sse_events.hpp"

namespace claude_proxy::integration {
namespace {

void dropCacheControl(rapidjson::Value& value) {
    if (value.IsObject()) {
        value.RemoveMember("cache_control");
        for (auto& member : value.GetObject()) {
            dropCacheControl(member.value);
        }
    } else if (value.IsArray()) {
        for (auto& item : value.GetArray()) {
            dropCacheControl(item);
        }
    }
}

}  // namespace

void Conversation::user(const std::string& text) {
    rapidjson::Value message(rapidjson::kObjectType);
    auto& a = messages_.GetAllocator();
    message.AddMember("role", "user", a);
    message.AddMember("content", rapidjson::Value(text.c_str(), a), a);
    messages_.PushBack(message, a);
}

void Conversation::toolResult(const std::string& callId, const std::string& content) {
    rapidjson::Value message(rapidjson::kObjectType);
    auto& a = messages_.GetAllocator();
    message.AddMember("role", "tool", a);
    message.AddMember("tool_call_id", rapidjson::Value(callId.c_str(), a), a);
    message.AddMember("content", rapidjson::Value(content.c_str(), a), a);
    messages_.PushBack(message, a);
}

void Conversation::reply(const HttpResponse& response) {
    const auto body = test_support::parseJson(response.body);
    rapidjson::Value message;
    message.CopyFrom(body["choices"][0]["message"], messages_.GetAllocator());
    messages_.PushBack(message, messages_.GetAllocator());
}

void Conversation::replyText(const std::string& text) {
    rapidjson::Value message(rapidjson::kObjectType);
    auto& a = messages_.GetAllocator();
    message.AddMember("role", "assistant", a);
    message.AddMember("content", rapidjson::Value(text.c_str(), a), a);
    messages_.PushBack(message, a);
}

std::string Conversation::body(const std::string& extra) const {
    return R"({"model":"sonnet","messages":)" + test_support::toJson(messages_) +
           (extra.empty() ? "" : "," + extra) + "}";
}

std::vector<std::string> upstreamMessages(const test_support::RecordedRequest& request) {
    auto body = test_support::parseJson(request.body);
    std::vector<std::string> out;
    for (auto& message : body["messages"].GetArray()) {
        dropCacheControl(message);
        out.push_back(test_support::toJson(message));
    }
    return out;
}

double metric(const Harness& h, const std::string& series) {
    const std::string text = test_support::get(h.proxy.port(), "/metrics").body;
    const auto at = text.find("\n" + series + " ");
    return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size() + 2));
}

std::string lookups(const std::string& source) {
    return R"(claude_proxy_session_lookups_total{source=")" + source + R"("})";
}

std::string streamedText(const std::string& sse) {
    std::string text;
    for (const auto& event : test_support::parseSseEvents(sse)) {
        if (event.data == "[DONE]" || event.data.empty()) {
            continue;
        }
        const auto chunk = test_support::parseJson(event.data);
        const auto* content = test_support::find(chunk, "/choices/0/delta/content");
        if (content != nullptr && content->IsString()) {
            text += content->GetString();
        }
    }
    return text;
}

}  // namespace claude_proxy::integration
