#include "streaming/chunk_renderer.hpp"

#include <functional>

#include "openai/error_body.hpp"
#include "openai/json_writer.hpp"

namespace claude_proxy::streaming {
namespace {

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

// One chunk with a single choice whose delta members `writeDelta` writes.
std::string choiceChunk(const ChunkIdentity& identity,
                        const std::function<void(openai::JsonWriter&)>& writeDelta,
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
    writeDelta(json);
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

// A tool_calls delta with one entry: index, then id/type/name (head) or the arguments.
void writeToolCallDelta(openai::JsonWriter& json, std::size_t index,
                        const openai::ToolCallRecord& call, bool head) {
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
    }
    json.member("arguments", head ? std::string() : call.argumentsJson);
    json.endObject();
    json.endObject();
    json.endArray();
}

}  // namespace

std::string roleFrame(const ChunkIdentity& identity) {
    return choiceChunk(identity,
                       [](openai::JsonWriter& json) {
                           json.member("role", "assistant");
                           json.member("content", "");
                       },
                       {});
}

std::string contentFrame(const ChunkIdentity& identity, std::string_view text) {
    return choiceChunk(identity, [text](openai::JsonWriter& json) { json.member("content", text); },
                       {});
}

std::string reasoningFrame(const ChunkIdentity& identity, std::string_view text) {
    return choiceChunk(
        identity, [text](openai::JsonWriter& json) { json.member("reasoning_content", text); }, {});
}

std::string finishFrame(const ChunkIdentity& identity, std::string_view finishReason) {
    return choiceChunk(
        identity, [](openai::JsonWriter&) {}, finishReason);
}

std::string toolCallFrames(const ChunkIdentity& identity, std::size_t index,
                           const openai::ToolCallRecord& call) {
    std::string frames;
    for (const bool head : {true, false}) {
        frames += choiceChunk(
            identity,
            [&](openai::JsonWriter& json) { writeToolCallDelta(json, index, call, head); }, {});
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
