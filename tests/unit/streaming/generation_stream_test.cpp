// What the translator does for the generation options, fed with recordings of the pinned CLI:
// thinking as reasoning, structured output in the result, the output-token limit, stop
// sequences (recordings/record.sh makes them again).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "recording_support.hpp"
#include "streaming/line_splitter.hpp"
#include "streaming/stream_translator.hpp"

using namespace claude_proxy;
using namespace recording_support;

namespace {

struct Options {
    std::vector<std::string> stop;
    bool showReasoning = true;
    bool lengthLimited = false;
    std::size_t readSize = 4096;
};

struct Run {
    std::string sse;
    bool endedEarly = false;
    bool stoppedAtSequence = false;
    bool reachedLength = false;
    std::optional<cli::CliResult> result;
    std::string fullText;
    std::string reasoning;
    std::int64_t thinkingTokens = 0;
    std::int64_t streamOutputTokens = 0;
    std::size_t eventsAfterEnd = 0;  // events the recording still had once the answer ended
};

// Feeds a recording the way the service does, stopping at the first event after which the
// translator says the answer is over (the service then ends the CLI).
Run feed(const std::string& name, const Options& options) {
    streaming::StreamTranslator translator({"chatcmpl-gen", 1700000000, "sonnet", false});
    translator.setStopSequences(options.stop);
    translator.setShowReasoning(options.showReasoning);
    translator.setLengthLimited(options.lengthLimited);
    streaming::LineSplitter splitter(1 << 20);
    Run run;
    const auto onLine = [&](std::string_view line) {
        if (translator.endedEarly()) {
            ++run.eventsAfterEnd;
            return;
        }
        run.sse += translator.onEvent(streaming::parseStreamLine(line));
    };
    const std::string recording = readRecording(name);
    for (std::size_t i = 0; i < recording.size(); i += options.readSize) {
        splitter.feed(std::string_view(recording).substr(i, options.readSize), onLine);
    }
    splitter.finish(onLine);
    run.endedEarly = translator.endedEarly();
    run.stoppedAtSequence = translator.stoppedAtSequence();
    run.reachedLength = translator.reachedLength();
    run.result = translator.result();
    run.fullText = translator.fullText();
    run.reasoning = translator.reasoning();
    run.thinkingTokens = translator.thinkingTokens();
    run.streamOutputTokens = translator.streamUsage().outputTokens;
    return run;
}

// Every content piece sent, in order.
std::vector<std::string> contentPieces(const std::string& sse) {
    std::vector<std::string> pieces;
    for (const auto& frame : framesOf(sse)) {
        if (frame.comment || frame.done) {
            continue;
        }
        const auto chunk = parse(frame.json);
        const auto& delta = chunk["choices"][0]["delta"];
        if (delta.HasMember("content") && delta["content"].IsString()) {
            pieces.emplace_back(delta["content"].GetString());
        }
    }
    return pieces;
}

}  // namespace

TEST_CASE("thinking goes out as reasoning_content, before and apart from the content") {
    for (const std::size_t readSize : {1UL, 5UL, 4096UL}) {
        CAPTURE(readSize);
        Options options;
        options.readSize = readSize;
        const auto run = feed("thinking_streamed", options);
        const auto frames = framesOf(run.sse);
        CHECK(deltaTextOf(frames, "reasoning_content") == "Let me think about this.");
        CHECK(contentOf(frames) == "after thought");
        CHECK(run.reasoning == "Let me think about this.");
        // The first reasoning frame comes before the first content frame.
        std::size_t firstReasoning = frames.size();
        std::size_t firstContent = frames.size();
        for (std::size_t i = 0; i < frames.size(); ++i) {
            if (frames[i].comment || frames[i].done) {
                continue;
            }
            const auto chunk = parse(frames[i].json);
            const auto& delta = chunk["choices"][0]["delta"];
            if (delta.HasMember("reasoning_content") && firstReasoning == frames.size()) {
                firstReasoning = i;
            }
            if (delta.HasMember("content") && delta["content"].IsString() &&
                delta["content"].GetStringLength() > 0 && firstContent == frames.size()) {
                firstContent = i;
            }
        }
        CHECK(firstReasoning < firstContent);
        CHECK(run.thinkingTokens > 0);  // the CLI's running estimate (its result says 0)
    }
}

TEST_CASE("with reasoning hidden, thinking is collected but never sent") {
    Options options;
    options.showReasoning = false;
    const auto run = feed("thinking_streamed", options);
    CHECK(run.sse.find("reasoning_content") == std::string::npos);
    CHECK(run.sse.find("think") == std::string::npos);
    CHECK(contentOf(framesOf(run.sse)) == "after thought");
    CHECK(run.reasoning == "Let me think about this.");
}

TEST_CASE("a run with a schema reports its structured output, a missed one has none") {
    const auto answered = feed("structured_output", {});
    REQUIRE(answered.result);
    REQUIRE(answered.result->structuredOutput);
    CHECK(*answered.result->structuredOutput == R"({"name":"Ada"})");
    CHECK_FALSE(answered.endedEarly);

    const auto missed = feed("structured_output_missing", {});
    REQUIRE(missed.result);
    CHECK_FALSE(missed.result->structuredOutput);
}

TEST_CASE("with a limit, the answer ends at the first message that stops at max_tokens") {
    Options options;
    options.lengthLimited = true;
    const auto run = feed("max_tokens_limited", options);
    CHECK(run.endedEarly);
    CHECK(run.reachedLength);
    CHECK_FALSE(run.stoppedAtSequence);
    CHECK(run.fullText == "first part");
    CHECK(contentOf(framesOf(run.sse)) == "first part");
    CHECK(run.streamOutputTokens == 6);
    // The CLI's own continuation (its nudge and the second message) was never read.
    CHECK(run.eventsAfterEnd > 5);
    CHECK_FALSE(run.result);
}

TEST_CASE("without a limit the same recording runs to the CLI's own end") {
    const auto run = feed("max_tokens_limited", {});
    CHECK_FALSE(run.endedEarly);
    REQUIRE(run.result);
    // Both messages' text: the first part is not lost.
    CHECK(run.fullText.find("first part") == 0);
    CHECK(run.fullText.find("Hello from mock") != std::string::npos);
}

TEST_CASE("a stop sequence ends the answer before it, no part of it is ever sent") {
    struct Case {
        std::vector<std::string> stop;
        std::string content;
    };
    // The plain recording says "Hello from mock" in the deltas "Hello", " from", " mock".
    for (const Case& c :
         {Case{{" mock"}, "Hello from"}, Case{{"lo fr"}, "Hel"}, Case{{"xyz", "from"}, "Hello "},
          Case{{"Hello"}, ""}, Case{{"o"}, "Hell"}}) {
        for (const std::size_t readSize : {1UL, 3UL, 4096UL}) {
            CAPTURE(c.stop[0]);
            CAPTURE(readSize);
            Options options;
            options.stop = c.stop;
            options.readSize = readSize;
            const auto run = feed("plain", options);
            CHECK(run.stoppedAtSequence);
            CHECK(run.endedEarly);
            CHECK(run.fullText == c.content);
            std::string sent;
            for (const auto& piece : contentPieces(run.sse)) {
                sent += piece;
            }
            CHECK(sent == c.content);
        }
    }
}

TEST_CASE("a stop sequence that never completes holds nothing back at the end") {
    Options options;
    options.stop = {"mockery"};
    const auto run = feed("plain", options);
    CHECK_FALSE(run.endedEarly);
    REQUIRE(run.result);
    // " mock" could have been the start of "mockery" until the result said the text is over;
    // the translator has it and the service's finish sends it.
    CHECK(run.fullText == "Hello from mock");
}

TEST_CASE("stopPrefixAtEnd: the longest proper prefix of a stop string the text ends with") {
    const std::vector<std::string> stop{"END", "</done>"};
    CHECK(streaming::stopPrefixAtEnd("", stop) == 0);
    CHECK(streaming::stopPrefixAtEnd("abc", stop) == 0);
    CHECK(streaming::stopPrefixAtEnd("abcE", stop) == 1);
    CHECK(streaming::stopPrefixAtEnd("abcEN", stop) == 2);
    CHECK(streaming::stopPrefixAtEnd("abcEND", stop) == 0);  // a whole match is not a prefix
    CHECK(streaming::stopPrefixAtEnd("x</do", stop) == 4);
    CHECK(streaming::stopPrefixAtEnd("x<", stop) == 1);
    CHECK(streaming::stopPrefixAtEnd("EN", {}) == 0);
}

TEST_CASE("firstStopMatch: the earliest match, also one that began before `from`") {
    const std::vector<std::string> stop{"END", "ND!"};
    CHECK(streaming::firstStopMatch("no match", 0, stop) == std::string_view::npos);
    CHECK(streaming::firstStopMatch("abENDx", 0, stop) == 2);
    CHECK(streaming::firstStopMatch("abENDx", 4, stop) == 2);  // began at 2, ends after 4
    CHECK(streaming::firstStopMatch("abEND!", 0, stop) == 2);  // END starts before ND!
    CHECK(streaming::firstStopMatch("abND!END", 0, stop) == 2);
    CHECK(streaming::firstStopMatch("", 0, stop) == std::string_view::npos);
}
