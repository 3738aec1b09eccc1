#pragma once

#include <string>
#include <string_view>

#include "openai/api_error.hpp"
#include "openai/chat_completion.hpp"

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
std::string finishFrame(const ChunkIdentity& identity, std::string_view finishReason);
std::string usageFrame(const ChunkIdentity& identity, const openai::Usage& usage);
std::string errorFrame(const openai::ApiError& error);
std::string doneFrame();
std::string keepAliveFrame();

}  // namespace claude_proxy::streaming
