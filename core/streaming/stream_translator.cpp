#include "streaming/stream_translator.hpp"

#include <algorithm>

#include "openai/utf8.hpp"

namespace claude_proxy::streaming {
namespace {

bool isContinuation(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U;
}

// The bytes a UTF-8 sequence led by `lead` has (1 for ASCII and for stray bytes).
std::size_t sequenceLength(char lead) {
    const auto byte = static_cast<unsigned char>(lead);
    return (byte & 0xE0U) == 0xC0U   ? 2
           : (byte & 0xF0U) == 0xE0U ? 3
           : (byte & 0xF8U) == 0xF0U ? 4
                                     : 1;
}

// `length` moved back to the start of a character when it would end inside one: inside the
// text, or at its end while the last character's bytes have not all arrived.
std::size_t characterBoundary(std::string_view text, std::size_t length) {
    if (length < text.size()) {
        return openai::utf8Prefix(text, length).size();
    }
    std::size_t back = 0;
    while (back < 3 && back < text.size() && isContinuation(text[text.size() - 1 - back])) {
        ++back;
    }
    if (back == text.size()) {
        return text.size();
    }
    const std::size_t leadAt = text.size() - 1 - back;
    return sequenceLength(text[leadAt]) > back + 1 ? leadAt : text.size();
}

}  // namespace

std::string StreamTranslator::startIfNeeded() {
    if (started_) {
        return {};
    }
    started_ = true;
    return roleFrame(identity_);
}

// Sends fullText_[sent_, upTo) as one content chunk.
std::string StreamTranslator::releaseText(std::size_t upTo) {
    if (upTo <= sent_) {
        return {};
    }
    std::string frames = startIfNeeded();
    frames += contentFrame(identity_, std::string_view(fullText_).substr(sent_, upTo - sent_));
    sent_ = upTo;
    forwardedText_ = true;
    return frames;
}

std::string StreamTranslator::onEvent(const CliStreamEvent& event) {
    using Kind = CliStreamEvent::Kind;
    switch (event.kind) {
        case Kind::Init:
        case Kind::MessageStart:
            if (!modelKnown_ && !started_ && !event.model.empty()) {
                identity_.model = event.model;
                modelKnown_ = true;
            }
            return {};
        case Kind::TextDelta: {
            if (interrupted_ || event.text.empty()) {
                return {};
            }
            fullText_ += event.text;
            std::size_t safe = fullText_.size();
            if (gate_) {
                const std::size_t answer = std::min(gate_(event.text), fullText_.size());
                safe = characterBoundary(fullText_, answer);
            }
            return releaseText(safe);
        }
        case Kind::ToolUse:
            toolUses_.insert(toolUses_.end(), event.toolUses.begin(), event.toolUses.end());
            return {};
        case Kind::ApiRetry:
            return keepAliveFrame();
        case Kind::Abandoned:
            if (forwardedText_) {
                interrupted_ = true;
            }
            return {};
        case Kind::Result:
            result_ = event.result;
            return {};
        case Kind::ControlResponse:
        case Kind::Other:
        case Kind::Invalid:
            return {};
    }
    return {};
}

std::string StreamTranslator::closingFrames(const std::string& finishReason,
                                            const openai::Usage& usage) {
    std::string frames = startIfNeeded();
    frames += finishFrame(identity_, finishReason);
    if (identity_.includeUsage) {
        frames += usageFrame(identity_, usage);
    }
    frames += doneFrame();
    return frames;
}

std::string StreamTranslator::finishSuccess(const cli::CliResult& result,
                                            const openai::Usage& usage) {
    std::string frames = startIfNeeded();
    if (fullText_.empty() && result.resultText) {
        fullText_ = *result.resultText;  // no deltas came (e.g. a non-streaming fallback)
    }
    frames += releaseText(fullText_.size());
    return frames + closingFrames(openai::finishReasonFor(result.stopReason), usage);
}

std::string StreamTranslator::finishWithTools(const std::string& content,
                                              const std::vector<openai::ToolCallRecord>& calls,
                                              const std::string& finishReason,
                                              const openai::Usage& usage) {
    std::string frames = startIfNeeded();
    const std::string_view sent = std::string_view(fullText_).substr(0, sent_);
    if (content.size() > sent.size() && content.compare(0, sent.size(), sent) == 0) {
        fullText_ = content;
        frames += releaseText(content.size());
    }
    for (std::size_t index = 0; index < calls.size(); ++index) {
        frames += toolCallFrames(identity_, index, calls[index]);
    }
    return frames + closingFrames(finishReason, usage);
}

std::string StreamTranslator::finishError(const openai::ApiError& error) const {
    return errorFrame(error) + doneFrame();
}

}  // namespace claude_proxy::streaming
