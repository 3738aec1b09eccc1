#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "openai/api_error.hpp"
#include "openai/chat_completion.hpp"
#include "openai/tool_types.hpp"

namespace claude_proxy::streaming {

// What every chunk of one streamed response repeats.
struct ChunkIdentity {
    std::string id;
    long long created = 0;
    std::string model;
    bool includeUsage = false;  // then every chunk carries "usage":null, as OpenAI's do
};

// SSE frames ("data: …\n\n") of a chat.completion.chunk stream. Pure.
std::string roleFrame(const ChunkIdentity& identity);
std::string contentFrame(const ChunkIdentity& identity, std::string_view text);
// A piece of the model's thinking: delta.reasoning_content (the DeepSeek/vLLM convention).
std::string reasoningFrame(const ChunkIdentity& identity, std::string_view text);
std::string finishFrame(const ChunkIdentity& identity, std::string_view finishReason);
// Two chunks for one tool call: index, id, type and name with empty arguments, then the
// arguments (OpenAI streams them in pieces; one piece is valid).
std::string toolCallFrames(const ChunkIdentity& identity, std::size_t index,
                           const openai::ToolCallRecord& call);
std::string usageFrame(const ChunkIdentity& identity, const openai::Usage& usage);
std::string errorFrame(const openai::ApiError& error);
std::string doneFrame();
std::string keepAliveFrame();

}  // namespace claude_proxy::streaming
