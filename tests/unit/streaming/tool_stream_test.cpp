// The translator's tool-call side: the content gate, native tool_use blocks, tool-call chunks.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "streaming/line_splitter.hpp"
#include "streaming/stream_translator.hpp"

using namespace claude_proxy;

namespace {

std::vector<rapidjson::Document> chunksOf(const std::string& sse) {
    std::vector<rapidjson::Document> chunks;
    std::size_t start = 0;
    while (start < sse.size()) {
        const auto end = sse.find("\n\n", start);
        REQUIRE(end != std::string::npos);
        const std::string block = sse.substr(start, end - start);
        start = end + 2;
        if (block.rfind("data: ", 0) != 0 || block == "data: [DONE]") {
            continue;
        }
        rapidjson::Document chunk;
        chunk.Parse(block.c_str() + 6);
        REQUIRE_FALSE(chunk.HasParseError());
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

std::string textDelta(const std::string& text) {
    return R"({"type":"stream_event","event":{"type":"content_block_delta","index":0,)"
           R"("delta":{"type":"text_delta","text":")" +
           text + R"("}},"parent_tool_use_id":null})";
}

std::string contentOf(const std::vector<rapidjson::Document>& chunks) {
    std::string text;
    for (const auto& chunk : chunks) {
        if (!chunk["choices"].Empty() && chunk["choices"][0]["delta"].HasMember("content") &&
            chunk["choices"][0]["delta"]["content"].IsString()) {
            text += chunk["choices"][0]["delta"]["content"].GetString();
        }
    }
    return text;
}

// A gate that keeps what it was fed and releases text only up to the first backtick.
struct TickGate {
    std::vector<std::string> deltas;
    std::string text;

    streaming::StreamTranslator::ContentGate gate() {
        return [this](std::string_view delta) {
            deltas.emplace_back(delta);
            text.append(delta);
            const auto tick = text.find('`');
            return tick == std::string::npos ? text.size() : tick;
        };
    }
};

// A gate that answers from a script, whatever the text.
streaming::StreamTranslator::ContentGate scriptedGate(std::vector<std::size_t> answers) {
    auto next = std::make_shared<std::size_t>(0);
    return [answers = std::move(answers), next](std::string_view) { return answers.at((*next)++); };
}

}  // namespace

TEST_CASE("the content gate is fed each delta once and holds back what could be a call") {
    streaming::StreamTranslator translator({"chatcmpl-x", 1, "m", false});
    TickGate tick;
    translator.beginAttempt(tick.gate());
    const std::vector<std::string> pieces = {"Let me ", "check. ", "``", "`tool_call"};
    std::string sse;
    for (const auto& piece : pieces) {
        sse += translator.onEvent(streaming::parseStreamLine(textDelta(piece)));
    }
    CHECK(tick.deltas == pieces);  // deltas, not the text so far
    CHECK(contentOf(chunksOf(sse)) == "Let me check. ");
    CHECK(translator.sentLength() == std::string("Let me check. ").size());
    CHECK(translator.fullText() == "Let me check. ```tool_call");
}

TEST_CASE("whatever the gate answers, only whole characters of the text go out, never less") {
    streaming::StreamTranslator translator({"chatcmpl-x", 1, "m", false});
    // Too much; the end is the lead byte of an e-acute; shrinking; the e-acute is complete.
    translator.beginAttempt(scriptedGate({100, 3, 1, 4}));
    std::string sse;
    std::vector<std::size_t> sent;
    for (const std::string piece : {"ab", "\xC3",
                                    "\xA9"
                                    "c",
                                    "d"}) {
        sse += translator.onEvent(streaming::parseStreamLine(textDelta(piece)));
        sent.push_back(translator.sentLength());
    }
    CHECK(sent == std::vector<std::size_t>{2, 2, 2, 4});
    CHECK(contentOf(chunksOf(sse)) == "ab\xC3\xA9");
}

TEST_CASE("finishWithTools sends the rest of the content, the calls, then tool_calls") {
    streaming::StreamTranslator translator({"chatcmpl-x", 7, "m", true});
    translator.beginAttempt([](std::string_view) { return std::size_t{3}; });
    std::string sse = translator.onEvent(streaming::parseStreamLine(textDelta("Hi there")));
    CHECK(translator.sentLength() == 3);
    openai::Usage usage;
    usage.outputTokens = 9;
    sse += translator.finishWithTools(
        "Hi there", {{"call_a", "get_weather", R"({"city":"Oslo"})"}, {"call_b", "f", "{}"}},
        "tool_calls", usage);
    const auto chunks = chunksOf(sse);
    CHECK(contentOf(chunks) == "Hi there");

    std::vector<const rapidjson::Value*> calls;
    for (const auto& chunk : chunks) {
        if (!chunk["choices"].Empty() && chunk["choices"][0]["delta"].HasMember("tool_calls")) {
            calls.push_back(&chunk["choices"][0]["delta"]["tool_calls"][0]);
        }
    }
    REQUIRE(calls.size() == 4);
    CHECK((*calls[0])["index"].GetInt() == 0);
    CHECK(std::string((*calls[0])["id"].GetString()) == "call_a");
    CHECK(std::string((*calls[0])["type"].GetString()) == "function");
    CHECK(std::string((*calls[0])["function"]["name"].GetString()) == "get_weather");
    CHECK(std::string((*calls[0])["function"]["arguments"].GetString()).empty());
    CHECK_FALSE(calls[1]->HasMember("id"));
    CHECK(std::string((*calls[1])["function"]["arguments"].GetString()) == R"({"city":"Oslo"})");
    CHECK((*calls[2])["index"].GetInt() == 1);
    CHECK(std::string((*calls[3])["function"]["arguments"].GetString()) == "{}");

    const auto& finish = chunks[chunks.size() - 2];
    CHECK(std::string(finish["choices"][0]["finish_reason"].GetString()) == "tool_calls");
    CHECK(chunks.back()["usage"]["completion_tokens"].GetInt() == 9);
    CHECK(sse.size() >= 14);
    CHECK(sse.substr(sse.size() - 14) == "data: [DONE]\n\n");
}

TEST_CASE("parsed content that does not extend what was sent adds nothing") {
    streaming::StreamTranslator translator({"chatcmpl-x", 7, "m", false});
    std::string sse = translator.onEvent(streaming::parseStreamLine(textDelta("abc")));
    sse += translator.finishWithTools("xyz", {}, "stop", {});
    CHECK(contentOf(chunksOf(sse)) == "abc");
}

TEST_CASE("native tool_use blocks from the recorded CLI are collected") {
    std::ifstream file(std::string(CLAUDE_PROXY_RECORDINGS_DIR) + "/native_tool_use.jsonl");
    REQUIRE(file.good());
    std::ostringstream text;
    text << file.rdbuf();
    streaming::StreamTranslator translator({"chatcmpl-x", 1, "m", false});
    streaming::LineSplitter splitter(1 << 20);
    std::string sse;
    splitter.feed(text.str(), [&](std::string_view line) {
        sse += translator.onEvent(streaming::parseStreamLine(line));
    });
    splitter.finish([](std::string_view) {});
    REQUIRE(translator.nativeToolUses().size() == 1);
    CHECK(translator.nativeToolUses()[0].name == "get_weather");
    CHECK(translator.nativeToolUses()[0].inputJson == R"({"x":1})");
    CHECK(translator.fullText() == "Checking.");
    REQUIRE(translator.result());
    CHECK(translator.result()->subtype == "error_max_turns");
}

TEST_CASE("beginAttempt forgets the previous run but keeps the identity") {
    streaming::StreamTranslator translator({"chatcmpl-keep", 1, "m", false});
    translator.beginAttempt([](std::string_view) { return std::size_t{0}; });
    translator.onEvent(streaming::parseStreamLine(textDelta("refused")));
    CHECK(translator.fullText() == "refused");
    translator.beginAttempt({});
    CHECK(translator.fullText().empty());
    CHECK(translator.sentLength() == 0);
    CHECK(translator.identity().id == "chatcmpl-keep");
}

TEST_CASE("each attempt has its own gate, which sees only that attempt's text") {
    streaming::StreamTranslator translator({"chatcmpl-x", 1, "m", false});
    TickGate first;
    TickGate second;
    translator.beginAttempt(first.gate());
    translator.onEvent(streaming::parseStreamLine(textDelta("I cannot ```")));
    translator.beginAttempt(second.gate());
    const std::string sse = translator.onEvent(streaming::parseStreamLine(textDelta("Sure.")));
    CHECK(first.text == "I cannot ```");
    CHECK(second.text == "Sure.");  // a fresh scan: the first attempt's fence is not in it
    CHECK(contentOf(chunksOf(sse)) == "Sure.");

    // An attempt without a gate streams everything: the old gate is gone.
    translator.beginAttempt({});
    translator.onEvent(streaming::parseStreamLine(textDelta("a`b")));
    CHECK(translator.sentLength() == 3);
    CHECK(second.text == "Sure.");
}
