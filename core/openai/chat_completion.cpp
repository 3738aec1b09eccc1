#include "openai/chat_completion.hpp"

#include "openai/json_writer.hpp"

namespace claude_proxy::openai {
namespace {

void writeUsage(JsonWriter& json, const Usage& usage) {
    json.startObject();
    json.memberInt("prompt_tokens", usage.promptTokens());
    json.memberInt("completion_tokens", usage.outputTokens);
    json.memberInt("total_tokens", usage.totalTokens());
    json.key("prompt_tokens_details");
    json.startObject();
    json.memberInt("cached_tokens", usage.cacheReadTokens);
    json.memberInt("audio_tokens", 0);
    json.endObject();
    json.key("completion_tokens_details");
    json.startObject();
    json.memberInt("reasoning_tokens", usage.reasoningTokens);
    json.memberInt("audio_tokens", 0);
    json.memberInt("accepted_prediction_tokens", 0);
    json.memberInt("rejected_prediction_tokens", 0);
    json.endObject();
    json.endObject();
}

}  // namespace

std::string finishReasonFor(std::string_view anthropicStopReason) {
    if (anthropicStopReason == "max_tokens" ||
        anthropicStopReason == "model_context_window_exceeded") {
        return "length";
    }
    if (anthropicStopReason == "refusal") {
        return "content_filter";
    }
    return "stop";
}

std::string renderChatCompletion(const Completion& completion) {
    JsonWriter json;
    json.startObject();
    json.member("id", completion.id);
    json.member("object", "chat.completion");
    json.memberInt("created", completion.created);
    json.member("model", completion.model);
    json.key("choices");
    json.startArray();
    json.startObject();
    json.memberInt("index", 0);
    json.key("message");
    json.startObject();
    json.member("role", "assistant");
    if (completion.content.empty() && !completion.toolCalls.empty()) {
        json.memberNull("content");  // OpenAI's shape for a turn that only calls tools
    } else {
        json.member("content", completion.content);
    }
    if (!completion.reasoning.empty()) {
        json.member("reasoning_content", completion.reasoning);
    }
    json.memberNull("refusal");
    if (!completion.toolCalls.empty()) {
        json.key("tool_calls");
        json.startArray();
        for (const auto& call : completion.toolCalls) {
            json.startObject();
            json.member("id", call.id);
            json.member("type", "function");
            json.key("function");
            json.startObject();
            json.member("name", call.name);
            json.member("arguments", call.argumentsJson);  // a JSON object, as a string
            json.endObject();
            json.endObject();
        }
        json.endArray();
    }
    json.endObject();
    json.memberNull("logprobs");
    json.member("finish_reason",
                completion.finishReason.empty() ? "stop" : completion.finishReason);
    json.endObject();
    json.endArray();
    json.key("usage");
    writeUsage(json, completion.usage);
    json.memberNull("system_fingerprint");
    json.endObject();
    return json.str();
}

std::string renderUsage(const Usage& usage) {
    JsonWriter json;
    writeUsage(json, usage);
    return json.str();
}

}  // namespace claude_proxy::openai
