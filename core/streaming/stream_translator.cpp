#include "streaming/stream_translator.hpp"

#include <algorithm>

#include "openai/utf8.hpp"
#include "streaming/chat_chunk_renderer.hpp"

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

std::size_t stopPrefixAtEnd(std::string_view text, const std::vector<std::string>& stop) {
    std::size_t longest = 0;
    for (const auto& sequence : stop) {
        const std::size_t most = std::min(sequence.size() - 1, text.size());
        for (std::size_t length = most; length > longest; --length) {
            if (text.substr(text.size() - length) == std::string_view(sequence).substr(0, length)) {
                longest = length;
                break;
            }
        }
    }
    return longest;
}

std::size_t firstStopMatch(std::string_view text, std::size_t from,
                           const std::vector<std::string>& stop) {
    std::size_t first = std::string_view::npos;
    for (const auto& sequence : stop) {
        const std::size_t begin = from >= sequence.size() ? from - sequence.size() + 1 : 0;
        const std::size_t at = text.find(sequence, begin);
        if (at != std::string_view::npos && at < first) {
            first = at;
        }
    }
    return first;
}

StreamTranslator::StreamTranslator(ChunkIdentity identity, AnswerRenderer* renderer)
    : identity_(std::move(identity)), renderer_(renderer) {
    if (renderer_ == nullptr) {
        ownRenderer_ = std::make_unique<ChatChunkRenderer>(identity_);
        renderer_ = ownRenderer_.get();
    }
}

void StreamTranslator::setStopSequences(std::vector<std::string> stop) {
    stop_.clear();
    for (auto& sequence : stop) {
        if (!sequence.empty()) {
            stop_.push_back(std::move(sequence));
        }
    }
}

void StreamTranslator::beginAttempt(ContentGate gate) {
    gate_ = std::move(gate);
    fullText_.clear();
    reasoning_.clear();
    sent_ = 0;
    toolUses_.clear();
    result_.reset();
    interrupted_ = false;
    forwardedText_ = false;
    stopped_ = false;
    lengthReached_ = false;
    streamUsage_ = {};
    usageStarted_ = false;
    thinkingEstimate_ = 0;
    gateAnswer_ = 0;
}

std::int64_t StreamTranslator::thinkingTokens() const {
    if (result_ && result_->usage.thinkingTokens > 0) {
        return result_->usage.thinkingTokens;
    }
    return thinkingEstimate_;
}

std::string StreamTranslator::startIfNeeded() {
    if (started_) {
        return {};
    }
    started_ = true;
    return renderer_->begin();
}

// Sends fullText_[sent_, upTo) as one content piece.
std::string StreamTranslator::releaseText(std::size_t upTo) {
    if (upTo <= sent_) {
        return {};
    }
    std::string frames = startIfNeeded();
    frames += renderer_->content(std::string_view(fullText_).substr(sent_, upTo - sent_));
    sent_ = upTo;
    forwardedText_ = true;
    return frames;
}

std::string StreamTranslator::onText(std::string_view text) {
    if (interrupted_ || text.empty() || endedEarly()) {
        return {};
    }
    const std::size_t before = fullText_.size();
    fullText_ += text;
    if (!stop_.empty()) {
        if (const auto at = firstStopMatch(fullText_, before, stop_); at != std::string::npos) {
            fullText_.resize(at);
            stopped_ = true;
        }
    }
    std::size_t safe = fullText_.size();
    if (gate_) {
        // The gate sees the text in order, and never any past a stop sequence.
        if (fullText_.size() > before) {
            gateAnswer_ = gate_(std::string_view(fullText_).substr(before));
        }
        safe = std::min(gateAnswer_, fullText_.size());
    }
    if (!stopped_ && !stop_.empty()) {
        safe = std::min(safe, fullText_.size() - stopPrefixAtEnd(fullText_, stop_));
    }
    return releaseText(characterBoundary(fullText_, safe));
}

std::string StreamTranslator::onThinking(std::string_view text) {
    if (text.empty() || endedEarly()) {
        return {};
    }
    reasoning_ += text;
    if (!showReasoning_) {
        return {};
    }
    std::string frames = startIfNeeded();
    return frames + renderer_->reasoning(text);
}

std::string StreamTranslator::onEvent(const CliStreamEvent& event) {
    using Kind = CliStreamEvent::Kind;
    switch (event.kind) {
        case Kind::Init:
        case Kind::MessageStart:
            if (!modelKnown_ && !started_ && !event.model.empty()) {
                identity_.model = event.model;
                renderer_->setModel(event.model);
                modelKnown_ = true;
            }
            if (event.kind == Kind::MessageStart && !usageStarted_) {
                streamUsage_ = event.usage;
                usageStarted_ = true;
            }
            return {};
        case Kind::TextDelta:
            return onText(event.text);
        case Kind::ThinkingDelta:
            return onThinking(event.text);
        case Kind::ThinkingTokens:
            thinkingEstimate_ = std::max(thinkingEstimate_, event.thinkingTokens);
            return {};
        case Kind::MessageDelta:
            if (!endedEarly()) {
                streamUsage_.outputTokens =
                    std::max(streamUsage_.outputTokens, event.usage.outputTokens);
                if (lengthLimited_ && event.stopReason == "max_tokens") {
                    lengthReached_ = true;
                }
            }
            return {};
        case Kind::ToolUse:
            if (!endedEarly()) {
                toolUses_.insert(toolUses_.end(), event.toolUses.begin(), event.toolUses.end());
            }
            return {};
        case Kind::ApiRetry:
            return renderer_->keepAlive();
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

std::string StreamTranslator::finishSuccess(const cli::CliResult& result,
                                            const openai::Usage& usage) {
    std::string frames = startIfNeeded();
    if (fullText_.empty() && result.resultText) {
        fullText_ = *result.resultText;  // no deltas came (e.g. a non-streaming fallback)
    }
    frames += releaseText(fullText_.size());
    return frames + renderer_->finish(openai::finishReasonFor(result.stopReason), usage);
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
        frames += renderer_->toolCall(index, calls[index]);
    }
    return frames + renderer_->finish(finishReason, usage);
}

std::string StreamTranslator::finishError(const openai::ApiError& error) {
    return renderer_->error(error);
}

}  // namespace claude_proxy::streaming
