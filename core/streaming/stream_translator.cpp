#include "streaming/stream_translator.hpp"

namespace claude_proxy::streaming {

std::string StreamTranslator::startIfNeeded() {
    if (started_) {
        return {};
    }
    started_ = true;
    return roleFrame(identity_);
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
            std::string frames = startIfNeeded();
            frames += contentFrame(identity_, event.text);
            forwardedText_ = true;
            return frames;
        }
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
        case Kind::Other:
        case Kind::Invalid:
            return {};
    }
    return {};
}

std::string StreamTranslator::finishSuccess(const cli::CliResult& result,
                                            const openai::Usage& usage) {
    std::string frames = startIfNeeded();
    if (!forwardedText_ && result.resultText && !result.resultText->empty()) {
        frames += contentFrame(identity_, *result.resultText);
        forwardedText_ = true;
    }
    frames += finishFrame(identity_, openai::finishReasonFor(result.stopReason));
    if (identity_.includeUsage) {
        frames += usageFrame(identity_, usage);
    }
    frames += doneFrame();
    return frames;
}

std::string StreamTranslator::finishError(const openai::ApiError& error) const {
    return errorFrame(error) + doneFrame();
}

}  // namespace claude_proxy::streaming
