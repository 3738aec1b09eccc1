#include "openai/chat_completion.hpp"

#include <doctest/doctest.h>

#include <string>

#include "openai_test_support.hpp"

namespace claude_proxy::openai {
namespace {

using test::member;
using test::parseJson;
using test::stringOf;

std::int64_t intOf(const rapidjson::Value& value) {
    REQUIRE(value.IsInt64());
    return value.GetInt64();
}

Completion sampleCompletion() {
    Completion completion;
    completion.id = "chatcmpl-abc123";
    completion.created = 1700000000;
    completion.model = "claude-sonnet-4-5-20250929";
    completion.content = "Hello, world.";
    completion.finishReason = "stop";
    completion.usage.inputTokens = 10;
    completion.usage.cacheReadTokens = 5;
    completion.usage.cacheCreationTokens = 3;
    completion.usage.outputTokens = 7;
    return completion;
}

void checkUsage(const rapidjson::Value& usage, std::int64_t prompt, std::int64_t completion,
                std::int64_t cached) {
    REQUIRE(usage.IsObject());
    CHECK(usage.MemberCount() == 5);
    CHECK(intOf(member(usage, "prompt_tokens")) == prompt);
    CHECK(intOf(member(usage, "completion_tokens")) == completion);
    CHECK(intOf(member(usage, "total_tokens")) == prompt + completion);
    const auto& promptDetails = member(usage, "prompt_tokens_details");
    CHECK(promptDetails.MemberCount() == 2);
    CHECK(intOf(member(promptDetails, "cached_tokens")) == cached);
    CHECK(intOf(member(promptDetails, "audio_tokens")) == 0);
    const auto& completionDetails = member(usage, "completion_tokens_details");
    CHECK(completionDetails.MemberCount() == 4);
    CHECK(intOf(member(completionDetails, "reasoning_tokens")) == 0);
    CHECK(intOf(member(completionDetails, "audio_tokens")) == 0);
    CHECK(intOf(member(completionDetails, "accepted_prediction_tokens")) == 0);
    CHECK(intOf(member(completionDetails, "rejected_prediction_tokens")) == 0);
}

}  // namespace

TEST_CASE("finishReasonFor maps Anthropic stop reasons") {
    CHECK(finishReasonFor("end_turn") == "stop");
    CHECK(finishReasonFor("stop_sequence") == "stop");
    CHECK(finishReasonFor("pause_turn") == "stop");
    CHECK(finishReasonFor("max_tokens") == "length");
    CHECK(finishReasonFor("model_context_window_exceeded") == "length");
    // Without tool calls in the answer, a tool_use stop is not reported as "tool_calls".
    CHECK(finishReasonFor("tool_use") == "stop");
    CHECK(finishReasonFor("refusal") == "content_filter");
    CHECK(finishReasonFor("") == "stop");
    CHECK(finishReasonFor("something_new") == "stop");
    CHECK(finishReasonFor("MAX_TOKENS") == "stop");
}

TEST_CASE("Usage sums prompt tokens from input and both cache counters") {
    Usage usage;
    usage.inputTokens = 10;
    usage.cacheReadTokens = 5;
    usage.cacheCreationTokens = 3;
    usage.outputTokens = 7;
    CHECK(usage.promptTokens() == 18);
    CHECK(usage.totalTokens() == 25);
}

TEST_CASE("renderChatCompletion has OpenAI's shape") {
    const auto document = parseJson(renderChatCompletion(sampleCompletion()));
    REQUIRE(document.IsObject());
    CHECK(document.MemberCount() == 7);
    CHECK(stringOf(member(document, "id")) == "chatcmpl-abc123");
    CHECK(stringOf(member(document, "object")) == "chat.completion");
    CHECK(intOf(member(document, "created")) == 1700000000);
    CHECK(stringOf(member(document, "model")) == "claude-sonnet-4-5-20250929");
    CHECK(member(document, "system_fingerprint").IsNull());

    const auto& choices = member(document, "choices");
    REQUIRE(choices.IsArray());
    REQUIRE(choices.Size() == 1);
    const auto& choice = choices[0];
    CHECK(choice.MemberCount() == 4);
    CHECK(intOf(member(choice, "index")) == 0);
    CHECK(member(choice, "logprobs").IsNull());
    CHECK(stringOf(member(choice, "finish_reason")) == "stop");
    const auto& message = member(choice, "message");
    CHECK(message.MemberCount() == 3);
    CHECK(stringOf(member(message, "role")) == "assistant");
    CHECK(stringOf(member(message, "content")) == "Hello, world.");
    CHECK(member(message, "refusal").IsNull());

    checkUsage(member(document, "usage"), 18, 7, 5);
}

TEST_CASE("renderChatCompletion keeps the finish reason it is given") {
    auto completion = sampleCompletion();
    completion.finishReason = "length";
    const auto document = parseJson(renderChatCompletion(completion));
    CHECK(stringOf(member(member(document, "choices")[0], "finish_reason")) == "length");
    completion.finishReason.clear();
    const auto fallback = parseJson(renderChatCompletion(completion));
    CHECK(stringOf(member(member(fallback, "choices")[0], "finish_reason")) == "stop");
}

TEST_CASE("content of any kind round-trips through the JSON") {
    auto completion = sampleCompletion();
    completion.content = std::string("line1\nline2\t\"quoted\" \\ </script> \x01 ") +
                         std::string(1, '\0') + " caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80";
    const auto document = parseJson(renderChatCompletion(completion));
    const auto& message = member(member(document, "choices")[0], "message");
    CHECK(stringOf(member(message, "content")) == completion.content);

    completion.content = "";
    const auto empty = parseJson(renderChatCompletion(completion));
    CHECK(stringOf(member(member(member(empty, "choices")[0], "message"), "content")).empty());
}

TEST_CASE("ill-formed UTF-8 from the CLI is replaced, never emitted raw") {
    auto completion = sampleCompletion();
    completion.content = "cut \xe2\x82 off";
    const auto document = parseJson(renderChatCompletion(completion));
    const auto& message = member(member(document, "choices")[0], "message");
    CHECK(stringOf(member(message, "content")) == "cut \xef\xbf\xbd\xef\xbf\xbd off");
}

TEST_CASE("renderUsage renders the usage object alone") {
    Usage usage;
    usage.inputTokens = 3;
    usage.cacheReadTokens = 100;
    usage.cacheCreationTokens = 20;
    usage.outputTokens = 9;
    CHECK(renderUsage(usage) ==
          R"({"prompt_tokens":123,"completion_tokens":9,"total_tokens":132,)"
          R"("prompt_tokens_details":{"cached_tokens":100,"audio_tokens":0},)"
          R"("completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,)"
          R"("accepted_prediction_tokens":0,"rejected_prediction_tokens":0}})");
    checkUsage(parseJson(renderUsage(Usage{})), 0, 0, 0);
}

TEST_CASE("large token counts are not truncated") {
    Usage usage;
    usage.inputTokens = 5'000'000'000;
    usage.outputTokens = 4'000'000'000;
    checkUsage(parseJson(renderUsage(usage)), 5'000'000'000, 4'000'000'000, 0);
}

}  // namespace claude_proxy::openai
