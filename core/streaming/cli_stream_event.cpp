#include "streaming/cli_stream_event.hpp"

#include <algorithm>

#include "json/bounded_json.hpp"

namespace claude_proxy::streaming {
namespace {

using Kind = CliStreamEvent::Kind;

std::string_view stringMember(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return {};
    }
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd() || !it->value.IsString()) {
        return {};
    }
    return {it->value.GetString(), it->value.GetStringLength()};
}

const rapidjson::Value* objectMember(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    const auto it = object.FindMember(name);
    return (it != object.MemberEnd() && it->value.IsObject()) ? &it->value : nullptr;
}

std::int64_t countMember(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return 0;
    }
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd() || !it->value.IsInt64()) {
        return 0;
    }
    return std::max<std::int64_t>(0, it->value.GetInt64());
}

cli::CliUsage usageOf(const rapidjson::Value* usage) {
    cli::CliUsage out;
    if (usage != nullptr) {
        out.inputTokens = countMember(*usage, "input_tokens");
        out.outputTokens = countMember(*usage, "output_tokens");
        out.cacheReadInputTokens = countMember(*usage, "cache_read_input_tokens");
        out.cacheCreationInputTokens = countMember(*usage, "cache_creation_input_tokens");
    }
    return out;
}

bool fromSubAgent(const rapidjson::Value& document) {
    const auto it = document.FindMember("parent_tool_use_id");
    return it != document.MemberEnd() && !it->value.IsNull();
}

CliStreamEvent classifyStreamEvent(const rapidjson::Value& document) {
    CliStreamEvent out;
    const auto* event = objectMember(document, "event");
    if (event == nullptr || fromSubAgent(document)) {
        return out;
    }
    const auto type = stringMember(*event, "type");
    if (type == "content_block_delta") {
        const auto* delta = objectMember(*event, "delta");
        const auto deltaType = delta != nullptr ? stringMember(*delta, "type") : "";
        if (deltaType == "text_delta") {
            out.kind = Kind::TextDelta;
            out.text = stringMember(*delta, "text");
        } else if (deltaType == "thinking_delta") {
            out.kind = Kind::ThinkingDelta;
            out.text = stringMember(*delta, "thinking");
        }
    } else if (type == "message_start") {
        if (const auto* message = objectMember(*event, "message")) {
            out.kind = Kind::MessageStart;
            out.model = stringMember(*message, "model");
            out.usage = usageOf(objectMember(*message, "usage"));
        }
    } else if (type == "message_delta") {
        out.kind = Kind::MessageDelta;
        if (const auto* delta = objectMember(*event, "delta")) {
            out.stopReason = stringMember(*delta, "stop_reason");
        }
        out.usage = usageOf(objectMember(*event, "usage"));
    } else if (type == "message_stop" && objectMember(document, "abandoned_blocks") != nullptr) {
        out.kind = Kind::Abandoned;
    }
    return out;
}

// A complete assistant message line: the CLI prints one per content block; native tool_use
// blocks (a model calling a tool it only read about) are collected.
CliStreamEvent classifyAssistant(const rapidjson::Value& document) {
    CliStreamEvent out;
    const auto* message = objectMember(document, "message");
    if (message == nullptr || fromSubAgent(document)) {
        return out;
    }
    const auto content = message->FindMember("content");
    if (content == message->MemberEnd() || !content->value.IsArray()) {
        return out;
    }
    for (const auto& block : content->value.GetArray()) {
        if (stringMember(block, "type") != "tool_use") {
            continue;
        }
        CliStreamEvent::ToolUse use;
        use.name = stringMember(block, "name");
        const auto input = block.FindMember("input");
        if (input != block.MemberEnd()) {
            use.inputJson = json::compact(input->value);
        }
        out.toolUses.push_back(std::move(use));
    }
    if (!out.toolUses.empty()) {
        out.kind = Kind::ToolUse;
    }
    return out;
}

}  // namespace

CliStreamEvent parseStreamLine(std::string_view line) {
    rapidjson::Document document;
    CliStreamEvent out;
    if (!json::parse(document, line, cli::kCliJsonParse).ok() || !document.IsObject()) {
        out.kind = Kind::Invalid;
        return out;
    }
    const auto type = stringMember(document, "type");
    const auto subtype = stringMember(document, "subtype");
    if (type == "stream_event") {
        return classifyStreamEvent(document);
    }
    if (type == "assistant") {
        return classifyAssistant(document);
    }
    if (type == "system" && subtype == "init") {
        out.kind = Kind::Init;
        out.model = stringMember(document, "model");
    } else if (type == "system" && subtype == "thinking_tokens") {
        out.kind = Kind::ThinkingTokens;
        out.thinkingTokens = countMember(document, "estimated_tokens");
    } else if (type == "system" && subtype == "api_retry") {
        out.kind = Kind::ApiRetry;
    } else if (type == "control_response") {
        if (const auto* response = objectMember(document, "response")) {
            out.kind = Kind::ControlResponse;
            out.requestId = stringMember(*response, "request_id");
            out.controlOk = stringMember(*response, "subtype") == "success";
        }
    } else if (type == "result") {
        out.result = cli::parseResultObject(line);
        out.kind = out.result ? Kind::Result : Kind::Invalid;
    }
    return out;
}

}  // namespace claude_proxy::streaming
