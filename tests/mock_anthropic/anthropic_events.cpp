#include "anthropic_events.hpp"

#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace mock_anthropic {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// A tiny wrapper so the event builders read as a list of fields.
class Json {
  public:
    Json& key(const char* name) {
        writer_.Key(name);
        return *this;
    }
    Json& str(const std::string& text) {
        writer_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        return *this;
    }
    Json& field(const char* name, const std::string& text) { return key(name).str(text); }
    Json& field(const char* name, long number) {
        writer_.Key(name);
        writer_.Int64(number);
        return *this;
    }
    Json& nullField(const char* name) {
        writer_.Key(name);
        writer_.Null();
        return *this;
    }
    Json& open(const char* name) {
        writer_.Key(name);
        writer_.StartObject();
        return *this;
    }
    Json& openArray(const char* name) {
        writer_.Key(name);
        writer_.StartArray();
        return *this;
    }
    Json& begin() {
        writer_.StartObject();
        return *this;
    }
    Json& end() {
        writer_.EndObject();
        return *this;
    }
    Json& endArray() {
        writer_.EndArray();
        return *this;
    }
    Json& raw(const std::string& json) {
        writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
        return *this;
    }
    std::string text() const { return {buffer_.GetString(), buffer_.GetSize()}; }

  private:
    rapidjson::StringBuffer buffer_;
    JsonWriter writer_{buffer_};
};

const char* blockType(ReplyBlock::Kind kind) {
    switch (kind) {
        case ReplyBlock::Kind::Thinking:
            return "thinking";
        case ReplyBlock::Kind::ToolUse:
            return "tool_use";
        case ReplyBlock::Kind::Text:
            break;
    }
    return "text";
}

// The message object without content, as message_start and the full message share it.
void messageHead(Json& json, const ReplyPlan& plan) {
    json.field("id", plan.messageId)
        .field("type", std::string("message"))
        .field("role", std::string("assistant"))
        .field("model", plan.model);
}

void usage(Json& json, const ReplyPlan& plan, long outputTokens) {
    json.open("usage")
        .field("input_tokens", plan.inputTokens)
        .field("cache_creation_input_tokens", plan.cacheCreationTokens)
        .field("cache_read_input_tokens", plan.cacheReadTokens)
        .field("output_tokens", outputTokens)
        .end();
}

// The block as content_block_start announces it: empty text, empty input.
std::string emptyBlock(const ReplyBlock& block) {
    Json json;
    json.begin().field("type", std::string(blockType(block.kind)));
    switch (block.kind) {
        case ReplyBlock::Kind::Thinking:
            json.field("thinking", std::string()).field("signature", std::string());
            break;
        case ReplyBlock::Kind::ToolUse:
            json.field("id", block.toolId).field("name", block.toolName).open("input").end();
            break;
        case ReplyBlock::Kind::Text:
            json.field("text", std::string());
            break;
    }
    return json.end().text();
}

// The complete block as the non-streaming message carries it.
std::string fullBlock(const ReplyBlock& block) {
    Json json;
    json.begin().field("type", std::string(blockType(block.kind)));
    switch (block.kind) {
        case ReplyBlock::Kind::Thinking:
            json.field("thinking", block.joined()).field("signature", block.signature);
            break;
        case ReplyBlock::Kind::ToolUse:
            json.field("id", block.toolId).field("name", block.toolName);
            json.key("input").raw(block.joined());
            break;
        case ReplyBlock::Kind::Text:
            json.field("text", block.joined());
            break;
    }
    return json.end().text();
}

std::string deltaEvent(long index, const char* deltaType, const char* field,
                       const std::string& value) {
    Json json;
    return json.begin()
        .field("type", std::string("content_block_delta"))
        .field("index", index)
        .open("delta")
        .field("type", std::string(deltaType))
        .field(field, value)
        .end()
        .end()
        .text();
}

void appendBlockEvents(std::vector<SseEvent>& events, const ReplyBlock& block, long index) {
    Json start;
    start.begin().field("type", std::string("content_block_start")).field("index", index);
    start.key("content_block").raw(emptyBlock(block)).end();
    events.push_back({"content_block_start", start.text()});

    for (const std::string& piece : block.pieces) {
        switch (block.kind) {
            case ReplyBlock::Kind::Thinking:
                events.push_back({"content_block_delta",
                                  deltaEvent(index, "thinking_delta", "thinking", piece)});
                break;
            case ReplyBlock::Kind::ToolUse:
                events.push_back({"content_block_delta",
                                  deltaEvent(index, "input_json_delta", "partial_json", piece)});
                break;
            case ReplyBlock::Kind::Text:
                events.push_back(
                    {"content_block_delta", deltaEvent(index, "text_delta", "text", piece)});
                break;
        }
    }
    if (!block.signature.empty()) {
        events.push_back({"content_block_delta",
                          deltaEvent(index, "signature_delta", "signature", block.signature)});
    }
    Json stop;
    stop.begin().field("type", std::string("content_block_stop")).field("index", index).end();
    events.push_back({"content_block_stop", stop.text()});
}

}  // namespace

std::vector<SseEvent> streamEvents(const ReplyPlan& plan) {
    std::vector<SseEvent> events;

    Json start;
    start.begin().field("type", std::string("message_start")).open("message");
    messageHead(start, plan);
    start.openArray("content").endArray();
    start.nullField("stop_reason").nullField("stop_sequence");
    usage(start, plan, 1);
    start.end().end();
    events.push_back({"message_start", start.text()});

    long index = 0;
    for (const ReplyBlock& block : plan.blocks) {
        appendBlockEvents(events, block, index++);
    }

    Json delta;
    delta.begin()
        .field("type", std::string("message_delta"))
        .open("delta")
        .field("stop_reason", plan.stopReason)
        .nullField("stop_sequence")
        .end()
        .open("usage")
        .field("output_tokens", plan.outputTokens())
        .end()
        .end();
    events.push_back({"message_delta", delta.text()});
    events.push_back({"message_stop", R"({"type":"message_stop"})"});
    return events;
}

std::vector<SseEvent> withMidstreamError(const std::vector<SseEvent>& events) {
    std::size_t deltas = 0;
    for (const SseEvent& event : events) {
        if (event.type == "content_block_delta") {
            ++deltas;
        }
    }
    const std::size_t keep = std::max<std::size_t>(1, deltas / 2);
    std::vector<SseEvent> cut;
    std::size_t seen = 0;
    for (const SseEvent& event : events) {
        if (seen >= keep || event.type == "message_delta") {
            break;
        }
        cut.push_back(event);
        if (event.type == "content_block_delta") {
            ++seen;
        }
    }
    cut.push_back({"error", errorJson("overloaded_error", "Overloaded (mock mid-stream)")});
    return cut;
}

std::string messageJson(const ReplyPlan& plan) {
    Json json;
    json.begin();
    messageHead(json, plan);
    json.openArray("content");
    for (const ReplyBlock& block : plan.blocks) {
        json.raw(fullBlock(block));
    }
    json.endArray().field("stop_reason", plan.stopReason).nullField("stop_sequence");
    usage(json, plan, plan.outputTokens());
    return json.end().text();
}

std::string errorTypeForStatus(int status) {
    switch (status) {
        case 400:
            return "invalid_request_error";
        case 401:
            return "authentication_error";
        case 403:
            return "permission_error";
        case 404:
            return "not_found_error";
        case 413:
            return "request_too_large";
        case 429:
            return "rate_limit_error";
        case 529:
            return "overloaded_error";
        default:
            return status >= 500 ? "api_error" : "invalid_request_error";
    }
}

std::string errorJson(const std::string& type, const std::string& message) {
    Json json;
    return json.begin()
        .field("type", std::string("error"))
        .open("error")
        .field("type", type)
        .field("message", message)
        .end()
        .end()
        .text();
}

std::string statusErrorJson(int status) {
    const std::string type = errorTypeForStatus(status);
    return errorJson(type, "mock " + type + " (" + std::to_string(status) + ")");
}

}  // namespace mock_anthropic
