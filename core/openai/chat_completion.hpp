#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openai/tool_types.hpp"

namespace claude_proxy::openai {

// Token accounting in OpenAI's terms. prompt = input + cache read + cache creation.
struct Usage {
    std::int64_t inputTokens = 0;
    std::int64_t cacheReadTokens = 0;
    std::int64_t cacheCreationTokens = 0;
    std::int64_t outputTokens = 0;
    std::int64_t reasoningTokens = 0;  // of outputTokens: the model's thinking, as the CLI counts

    std::int64_t promptTokens() const {
        return inputTokens + cacheReadTokens + cacheCreationTokens;
    }
    std::int64_t totalTokens() const { return promptTokens() + outputTokens; }
};

// The model's answer, already extracted from the CLI's result.
struct Completion {
    std::string id;         // "chatcmpl-…"
    long long created = 0;  // Unix time
    std::string model;      // the real model id the CLI reported
    std::string content;    // rendered as null when empty and there are tool calls
    std::string reasoning;  // the model's thinking: message.reasoning_content when not empty
    std::vector<ToolCallRecord> toolCalls;
    std::string finishReason;  // "stop", "length", "tool_calls", "content_filter"
    Usage usage;
};

// Maps an Anthropic stop_reason to an OpenAI finish_reason: end_turn/stop_sequence/pause_turn,
// tool_use and unknown -> "stop", max_tokens/model_context_window_exceeded -> "length",
// refusal -> "content_filter". Never "tool_calls": that finish needs tool calls in the answer,
// and only the tool-call flow, which has them, says it (a client that reads "tool_calls"
// looks for message.tool_calls).
std::string finishReasonFor(std::string_view anthropicStopReason);

// {"id","object":"chat.completion","created","model","choices":[{"index":0,"message":
// {"role":"assistant","content","reasoning_content"?,"refusal":null},"logprobs":null,"finish_reason"}],"usage":{…},
// "system_fingerprint":null}. An empty finishReason renders as "stop". Ill-formed UTF-8 in any
// string is replaced with U+FFFD, so the output is always valid JSON.
std::string renderChatCompletion(const Completion& completion);

// The "usage" object alone, shared with streaming: prompt_tokens, completion_tokens,
// total_tokens, prompt_tokens_details.cached_tokens (= cache read), completion_tokens_details.
std::string renderUsage(const Usage& usage);

}  // namespace claude_proxy::openai
