#pragma once

#include <chrono>
#include <string>

#include "chat_run.hpp"

namespace claude_proxy::bench {

// The /v1/chat/completions body for `prompt`: a system and a user message, "stream" as given.
std::string chatRequestBody(const ChatPrompt& prompt, const std::string& model, bool stream);

// POST without streaming, on a fresh connection: from connect until the whole response is read.
RunMeasurement proxyJsonRequest(int port, const ChatPrompt& prompt, const std::string& model,
                                std::chrono::milliseconds timeout);

// POST with "stream": true: also the time until the first SSE data line whose delta has
// non-empty content (the role chunk, with empty content, does not count).
RunMeasurement proxyStreamRequest(int port, const ChatPrompt& prompt, const std::string& model,
                                  std::chrono::milliseconds timeout);

// The same for a ready-made request body ("stream": true) whose reply should be `expected`.
RunMeasurement proxyStreamBody(int port, const std::string& body, const std::string& expected,
                               std::chrono::milliseconds timeout);

}  // namespace claude_proxy::bench
