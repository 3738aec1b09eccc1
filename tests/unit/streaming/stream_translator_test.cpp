// The stream translator fed with stream-json recorded from the pinned CLI against the mock
// Anthropic API (recordings/record.sh makes them again).
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_failure.hpp"
#include "recording_support.hpp"
#include "streaming/line_splitter.hpp"
#include "streaming/stream_translator.hpp"

using namespace claude_proxy;
using streaming::CliStreamEvent;
using namespace recording_support;

namespace {

struct Translation {
    std::string sse;
    std::optional<cli::CliResult> result;
    bool interrupted = false;
};

// Feeds a recording through splitter + translator in reads of `readSize` bytes and closes the
// stream the way the service does.
Translation translate(const std::string& recording, std::size_t readSize, bool includeUsage,
                      bool asError = false) {
    streaming::StreamTranslator translator({"chatcmpl-test", 1700000000, "sonnet", includeUsage});
    streaming::LineSplitter splitter(1 << 20);
    Translation out;
    const auto onLine = [&](std::string_view line) {
        out.sse += translator.onEvent(streaming::parseStreamLine(line));
    };
    for (std::size_t i = 0; i < recording.size(); i += readSize) {
        splitter.feed(std::string_view(recording).substr(i, readSize), onLine);
    }
    splitter.finish(onLine);
    out.result = translator.result();
    out.interrupted = translator.interrupted();
    if (asError) {
        out.sse += translator.finishError(
            openai::ApiError(503, "server_error", "overloaded", "overloaded"));
    } else if (out.result) {
        openai::Usage usage;
        usage.inputTokens = out.result->usage.inputTokens;
        usage.outputTokens = out.result->usage.outputTokens;
        out.sse += translator.finishSuccess(*out.result, usage);
    }
    return out;
}

}  // namespace

TEST_CASE("a plain answer becomes role, content, finish, usage and [DONE] chunks") {
    const auto out = translate(readRecording("plain"), 4096, true);
    const auto frames = framesOf(out.sse);
    REQUIRE(frames.size() >= 5);

    const auto first = parse(frames[0].json);
    CHECK(std::string(first["object"].GetString()) == "chat.completion.chunk");
    CHECK(std::string(first["choices"][0]["delta"]["role"].GetString()) == "assistant");
    CHECK(first["choices"][0]["finish_reason"].IsNull());

    for (const auto& frame : frames) {
        if (frame.done) {
            continue;
        }
        const auto chunk = parse(frame.json);
        CHECK(std::string(chunk["id"].GetString()) == "chatcmpl-test");
        CHECK(chunk["created"].GetInt64() == 1700000000);
        // The real model id from the CLI, not the alias the client sent.
        CHECK(std::string(chunk["model"].GetString()) == "claude-sonnet-5-5");
    }
    CHECK(contentOf(frames) == "Hello from mock");

    const auto& finish = frames[frames.size() - 3];
    const auto finishChunk = parse(finish.json);
    CHECK(std::string(finishChunk["choices"][0]["finish_reason"].GetString()) == "stop");
    CHECK(finishChunk["choices"][0]["delta"].ObjectEmpty());

    const auto usage = parse(frames[frames.size() - 2].json);
    CHECK(usage["choices"].Empty());
    CHECK(usage["usage"]["completion_tokens"].GetInt64() == out.result->usage.outputTokens);
    CHECK(frames.back().done);
}

TEST_CASE("without include_usage there is no usage chunk and no usage member") {
    const auto frames = framesOf(translate(readRecording("plain"), 4096, false).sse);
    for (const auto& frame : frames) {
        if (!frame.done) {
            const auto chunk = parse(frame.json);
            CHECK_FALSE(chunk.HasMember("usage"));
            CHECK(chunk["choices"].Size() == 1);
        }
    }
    CHECK(frames.back().done);
}

TEST_CASE("every content delta becomes its own chunk, in order") {
    const auto frames = framesOf(translate(readRecording("plain"), 4096, false).sse);
    std::vector<std::string> pieces;
    for (const auto& frame : frames) {
        if (frame.done) {
            continue;
        }
        const auto chunk = parse(frame.json);
        const auto& delta = chunk["choices"][0]["delta"];
        if (delta.HasMember("content") && !delta.HasMember("role")) {
            pieces.emplace_back(delta["content"].GetString());
        }
    }
    CHECK(pieces == std::vector<std::string>{"Hello", " from", " mock"});
}

TEST_CASE("UTF-8 survives any read boundary") {
    const auto recording = readRecording("utf8");
    const std::string expected =
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac";
    for (const std::size_t readSize : {1UL, 2UL, 3UL, 7UL, 64UL, 4096UL}) {
        CAPTURE(readSize);
        CHECK(contentOf(framesOf(translate(recording, readSize, false).sse)) == expected);
    }
}

TEST_CASE("thinking is not sent as content") {
    const auto out = translate(readRecording("thinking"), 4096, false);
    const auto text = contentOf(framesOf(out.sse));
    CHECK(text == out.result->resultText.value_or("?"));
    CHECK(text.find("think") == std::string::npos);
}

TEST_CASE("the CLI's retries become keep-alive comments") {
    const auto out = translate(readRecording("retried_then_failed"), 4096, false, true);
    const auto frames = framesOf(out.sse);
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].comment);
    // The failed run ends with an in-band error and [DONE], never with a content chunk.
    const auto error = parse(frames[1].json);
    CHECK(std::string(error["error"]["code"].GetString()) == "overloaded");
    CHECK(frames[2].done);
    REQUIRE(out.result);
    CHECK(out.result->isError);
}

TEST_CASE("an upstream error before any text produces no chunk") {
    const auto out = translate(readRecording("rate_limited"), 4096, false, true);
    const auto frames = framesOf(out.sse);
    REQUIRE(frames.size() == 2);
    CHECK(parse(frames[0].json).HasMember("error"));
    CHECK(frames[1].done);
    REQUIRE(out.result);
    CHECK(out.result->apiErrorStatus == 429);
}

TEST_CASE("abandoned blocks stop forwarding: the fallback's answer is never appended") {
    const auto out = translate(readRecording("midstream_error_with_fallback"), 4096, false);
    CHECK(out.interrupted);
    // Only the text streamed before the break; "Hello from mock" from the retry is held back.
    CHECK(contentOf(framesOf(out.sse)) == "Hello");
}

TEST_CASE("with the fallback disabled a mid-stream error is a failed result") {
    const auto out = translate(readRecording("midstream_error_no_fallback"), 4096, false, true);
    REQUIRE(out.result);
    CHECK(out.result->isError);
    // The CLI still marks the streamed blocks abandoned; the error result decides the ending.
    CHECK(out.interrupted);
    const auto frames = framesOf(out.sse);
    CHECK(contentOf(frames) == "Hello");
    CHECK(parse(frames[frames.size() - 2].json).HasMember("error"));
    CHECK(frames.back().done);
}

TEST_CASE("max_tokens continuation: every streamed message is forwarded") {
    const auto out = translate(readRecording("max_tokens"), 4096, false);
    CHECK(contentOf(framesOf(out.sse)) == "cut shortHello from mock");
}

TEST_CASE("unknown and malformed lines are ignored") {
    streaming::StreamTranslator translator({"chatcmpl-x", 1, "sonnet", false});
    CHECK(translator.onEvent(streaming::parseStreamLine("{\"type\":\"brand_new\"}")).empty());
    CHECK(translator.onEvent(streaming::parseStreamLine("not json")).empty());
    CHECK(translator.onEvent(streaming::parseStreamLine("[1,2]")).empty());
    CHECK(translator
              .onEvent(streaming::parseStreamLine(
                  R"({"type":"stream_event","event":{"type":"content_block_delta",)"
                  R"("delta":{"type":"text_delta","text":"sub"}},)"
                  R"("parent_tool_use_id":"toolu_1"})"))
              .empty());
    CHECK_FALSE(translator.started());
}

TEST_CASE("text only in the result (no deltas) is still sent") {
    streaming::StreamTranslator translator({"chatcmpl-x", 1, "sonnet", false});
    cli::CliResult result;
    result.resultText = "whole answer";
    result.stopReason = "end_turn";
    const auto frames = framesOf(translator.finishSuccess(result, {}));
    CHECK(contentOf(frames) == "whole answer");
    CHECK(frames.back().done);
}
