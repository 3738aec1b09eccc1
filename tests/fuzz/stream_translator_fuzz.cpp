// StreamTranslator (with the chat.completion.chunk renderer) fed any CLI output, the way the
// service feeds it. Input: a flags byte (bit 0 include_usage, 1 hide reasoning, 2 length
// limited, 3 a content gate, 4 end with an error, 5 end with a tool call, 6 stop sequences
// follow), a read size byte, a gate seed byte, with bit 6 the stop sequences (separated by
// 0x1F, ended by 0x1E), then the stream-json text. The gate answers arbitrary lengths.
// Oracles: every frame is SSE whose data is valid JSON with valid UTF-8, [DONE] comes at most
// once and last; when the model's text is valid UTF-8 (and no block was abandoned), the content
// sent while streaming is exactly the first sentLength() bytes of it, cut at a character
// boundary, and holds no stop sequence.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_oracle.hpp"
#include "streaming/cli_stream_event.hpp"
#include "streaming/line_splitter.hpp"
#include "streaming/stream_translator.hpp"

namespace {

using namespace claude_proxy;

// The concatenated delta.content of the chunks, and whether [DONE] was last.
struct Seen {
    std::string content;
    bool done = false;
};

void take(Seen& seen, std::string_view sse) {
    for (const auto& frame : fuzz::checkSse(sse)) {
        FUZZ_REQUIRE(!seen.done);
        if (frame.done) {
            seen.done = true;
            continue;
        }
        if (frame.comment) {
            continue;
        }
        rapidjson::Document chunk;
        FUZZ_REQUIRE(fuzz::parseJson(chunk, frame.data));
        FUZZ_REQUIRE(chunk.IsObject());
        if (!chunk.HasMember("choices") || !chunk["choices"].IsArray() ||
            chunk["choices"].Empty()) {
            continue;
        }
        const auto& choice = chunk["choices"][0];
        FUZZ_REQUIRE(choice.IsObject() && choice.HasMember("delta"));
        if (const auto* content = fuzz::stringMember(choice["delta"], "content")) {
            seen.content += fuzz::textOf(*content);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Input input(data, size);
    const std::uint8_t flags = input.byte();
    const std::size_t readSize = std::size_t{input.byte()} + 1;
    fuzz::Choices gateChoices(input.byte());
    std::vector<std::string> stop;
    std::string_view text = input.rest();
    if ((flags & 0x40U) != 0) {
        const auto end = text.find('\x1e');
        std::string_view field = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        while (!field.empty() && stop.size() < 4) {
            const auto cut = field.find('\x1f');
            stop.emplace_back(field.substr(0, cut));
            field.remove_prefix(cut == std::string_view::npos ? field.size() : cut + 1);
        }
    }

    streaming::StreamTranslator translator(
        {"chatcmpl-fuzz", 1700000000, "sonnet", (flags & 0x01U) != 0});
    translator.setShowReasoning((flags & 0x02U) == 0);
    translator.setLengthLimited((flags & 0x04U) != 0);
    translator.setStopSequences(stop);
    std::size_t gateSeen = 0;
    if ((flags & 0x08U) != 0) {
        translator.beginAttempt([&](std::string_view delta) {
            FUZZ_REQUIRE(!delta.empty());
            gateSeen += delta.size();
            return gateChoices.upTo(gateSeen + 4);
        });
    }

    Seen seen;
    streaming::LineSplitter splitter(1 << 20);
    const auto onLine = [&](std::string_view line) {
        take(seen, translator.onEvent(streaming::parseStreamLine(line)));
    };
    for (std::size_t at = 0; at < text.size(); at += readSize) {
        splitter.feed(text.substr(at, readSize), onLine);
    }
    splitter.finish(onLine);

    const std::string& full = translator.fullText();
    if (fuzz::isUtf8(full) && !translator.interrupted()) {
        FUZZ_REQUIRE(translator.sentLength() <= full.size());
        FUZZ_REQUIRE(seen.content == full.substr(0, translator.sentLength()));
        FUZZ_REQUIRE(fuzz::isUtf8(seen.content));
        for (const auto& sequence : stop) {
            FUZZ_REQUIRE(sequence.empty() || seen.content.find(sequence) == std::string::npos);
        }
    }

    openai::Usage usage;
    usage.inputTokens = translator.streamUsage().inputTokens;
    usage.outputTokens = translator.streamUsage().outputTokens;
    if ((flags & 0x10U) != 0) {
        take(seen, translator.finishError(
                       openai::ApiError(502, "server_error", "cli_failed", std::string(full))));
    } else if ((flags & 0x20U) != 0) {
        const openai::ToolCallRecord call{"call_fuzz", std::string(stop.empty() ? "" : stop[0]),
                                          std::string(full)};
        take(seen, translator.finishWithTools(full, {call}, "tool_calls", usage));
    } else if (translator.result()) {
        take(seen, translator.finishSuccess(*translator.result(), usage));
    } else {
        take(seen, translator.finishWithTools(
                       full, {}, translator.reachedLength() ? "length" : "stop", usage));
    }
    FUZZ_REQUIRE(seen.done);
    return 0;
}
