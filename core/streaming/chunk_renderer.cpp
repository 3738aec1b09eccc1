#include "streaming/chunk_renderer.hpp"

#include "openai/error_body.hpp"
#include "openai/json_writer.hpp"

namespace claude_proxy::streaming {
namespace {

enum class Delta { Role, Content, Empty };

std::string frame(const std::string& json) {
    return "data: " + json + "\n\n";
}

void writeHeader(openai::JsonWriter& json, const ChunkIdentity& identity) {
    json.member("id", identity.id);
    json.member("object", "chat.completion.chunk");
    json.memberInt("created", identity.created);
    json.member("model", identity.model);
    json.memberNull("system_fingerprint");
}

std::string choiceChunk(const ChunkIdentity& identity, Delta delta, std::string_view text,
                        std::string_view finishReason) {
    openai::JsonWriter json;
    json.startObject();
    writeHeader(json, identity);
    json.key("choices");
    json.startArray();
    json.startObject();
    json.memberInt("index", 0);
    json.key("delta");
    json.startObject();
    if (delta == Delta::Role) {
        json.member("role", "assistant");
        json.member("content", "");
    } else if (delta == Delta::Content) {
        json.member("content", text);
    }
    json.endObject();
    json.memberNull("logprobs");
    if (finishReason.empty()) {
        json.memberNull("finish_reason");
    } else {
        json.member("finish_reason", finishReason);
    }
    json.endObject();
    json.endArray();
    if (identity.includeUsage) {
        json.memberNull("usage");
    }
    json.endObject();
    return frame(json.str());
}

}  // namespace

std::string roleFrame(const ChunkIdentity& identity) {
    return choiceChunk(identity, Delta::Role, {}, {});
}

std::string contentFrame(const ChunkIdentity& identity, std::string_view text) {
    return choiceChunk(identity, Delta::Content, text, {});
}

std::string finishFrame(const ChunkIdentity& identity, std::string_view finishReason) {
    return choiceChunk(identity, Delta::Empty, {}, finishReason);
}

std::string toolCallFrames(const ChunkIdentity& identity, std::size_t index,
                           const openai::ToolCallRecord& call) {
    std::string frames;
    for (const bool head : {true, false}) {
        openai::JsonWriter json;
        json.startObject();
        writeHeader(json, identity);
        json.key("choices");
        json.startArray();
        json.startObject();
        json.memberInt("index", 0);
        json.key("delta");
        json.startObject();
        json.key("tool_calls");
        json.startArray();
        json.startObject();
        json.memberInt("index", static_cast<long long>(index));
        if (head) {
            json.member("id", call.id);
            json.member("type", "function");
        }
        json.key("function");
        json.startObject();
        if (head) {
            json.member("name", call.name);
            json.member("arguments", "");
        } else {
            json.member("arguments", call.argumentsJson);
        }
        json.endObject();
        json.endObject();
        json.endArray();
        json.endObject();
        json.memberNull("logprobs");
        json.memberNull("finish_reason");
        json.endObject();
        json.endArray();
        if (identity.includeUsage) {
            json.memberNull("usage");
        }
        json.endObject();
        frames += frame(json.str());
    }
    return frames;
}

std::string usageFrame(const ChunkIdentity& identity, const openai::Usage& usage) {
    openai::JsonWriter json;
    json.startObject();
    writeHeader(json, identity);
    json.key("choices");
    json.startArray();
    json.endArray();
    json.endObject();
    // Splice the shared usage object in before the closing brace.
    std::string text = json.str();
    text.pop_back();
    text += ",\"usage\":" + openai::renderUsage(usage) + "}";
    return frame(text);
}

std::string errorFrame(const openai::ApiError& error) {
    return frame(openai::renderErrorBody(error));
}

std::string doneFrame() {
    return "data: [DONE]\n\n";
}

std::string keepAliveFrame() {
    return ": keep-alive\n\n";
}

}  // namespace claude_proxy::streaming
