#include "service/session_turn.hpp"

#include <algorithm>
#include <vector>

#include "cli/stream_input.hpp"
#include "streaming/cli_stream_event.hpp"
#include "streaming/line_splitter.hpp"

namespace claude_proxy::service {
namespace {

// One stream-json line is one event; text deltas are small, but a final assistant or result
// line carries the whole answer. Anything past this is dropped rather than buffered.
constexpr std::size_t kMaxEventLineBytes = 32 * 1024 * 1024;
constexpr const char* kInitializeId = "proxy-initialize";
constexpr const char* kSetModelId = "proxy-set-model";
constexpr const char* kWarmUpId = "proxy-warm-up";
constexpr const char* kTurnSettingsId = "proxy-turn-settings";
// Set while a spare waits; every conversation sets its own model when it takes the process.
constexpr const char* kWarmUpModel = "sonnet";

using Clock = std::chrono::steady_clock;

}  // namespace

FrameWriter::FrameWriter(StreamSink* sink) : sink_(sink), lastWrite_(Clock::now()) {}

void FrameWriter::write(const std::string& frames) {
    if (frames.empty() || clientGone_ || sink_ == nullptr) {
        return;
    }
    if (!sink_->write(frames)) {
        clientGone_ = true;
    }
    lastWrite_ = Clock::now();
}

bool FrameWriter::silentFor(std::chrono::milliseconds interval) const {
    return Clock::now() - lastWrite_ >= interval;
}

namespace {

// Writes `input` (control requests) and waits until the CLI has answered each of `requestIds`
// (or refused one).
cli::ProcessOutcome exchangeControl(conversation::CliSession& session, const std::string& input,
                                    std::vector<std::string> requestIds, int clientFd,
                                    const cli::ProcessLimits& limits, bool& refused) {
    refused = false;
    streaming::LineSplitter splitter(kMaxEventLineBytes);
    const auto onLine = [&](std::string_view line) {
        const auto event = streaming::parseStreamLine(line);
        if (event.kind != streaming::CliStreamEvent::Kind::ControlResponse) {
            return;
        }
        const auto it = std::find(requestIds.begin(), requestIds.end(), event.requestId);
        if (it == requestIds.end()) {
            return;
        }
        if (!event.controlOk) {
            refused = true;
        }
        requestIds.erase(it);
    };
    cli::ProcessObserver observer;
    observer.watchFd = clientFd;
    observer.onStdout = [&](std::string_view bytes) { splitter.feed(bytes, onLine); };
    observer.turnComplete = [&] { return refused || requestIds.empty(); };
    return session.process->runTurn(input, limits, observer);
}

}  // namespace

cli::ProcessOutcome applyTurnSettings(conversation::CliSession& session,
                                      const conversation::TurnSettings& wanted, int clientFd,
                                      const cli::ProcessLimits& limits, bool& refused) {
    refused = false;
    if (session.turnSettings == wanted) {
        cli::ProcessOutcome unchanged;
        unchanged.ending = cli::ProcessOutcome::Ending::TurnComplete;
        return unchanged;
    }
    auto outcome = exchangeControl(
        session, cli::turnSettingsLine(kTurnSettingsId, wanted.effort, wanted.maxTokens),
        {kTurnSettingsId}, clientFd, limits, refused);
    if (outcome.ending == cli::ProcessOutcome::Ending::TurnComplete && !refused) {
        session.turnSettings = wanted;
    }
    return outcome;
}

cli::ProcessOutcome configureSession(conversation::CliSession& session,
                                     const std::string& systemPrompt, bool append,
                                     const std::optional<std::string>& jsonSchema,
                                     const std::string& model, int clientFd,
                                     const cli::ProcessLimits& limits, bool& refused) {
    const std::string input = cli::initializeLine(kInitializeId, systemPrompt, append, jsonSchema) +
                              cli::setModelLine(kSetModelId, model);
    auto outcome =
        exchangeControl(session, input, {kInitializeId, kSetModelId}, clientFd, limits, refused);
    if (outcome.ending == cli::ProcessOutcome::Ending::TurnComplete && !refused) {
        session.configured = true;
    }
    return outcome;
}

bool warmUpSession(conversation::CliSession& session, const cli::ProcessLimits& limits) {
    bool answered = false;
    streaming::LineSplitter splitter(kMaxEventLineBytes);
    const auto onLine = [&](std::string_view line) {
        const auto event = streaming::parseStreamLine(line);
        if (event.kind == streaming::CliStreamEvent::Kind::ControlResponse &&
            event.requestId == kWarmUpId) {
            answered = true;
        }
    };
    cli::ProcessObserver observer;
    observer.onStdout = [&](std::string_view bytes) { splitter.feed(bytes, onLine); };
    observer.turnComplete = [&] { return answered; };
    const auto outcome =
        session.process->runTurn(cli::setModelLine(kWarmUpId, kWarmUpModel), limits, observer);
    return outcome.ending == cli::ProcessOutcome::Ending::TurnComplete;
}

cli::ProcessOutcome runUserTurn(conversation::CliSession& session, std::string_view line,
                                streaming::StreamTranslator& translator, FrameWriter& writer,
                                int clientFd, std::chrono::milliseconds keepAlive,
                                const cli::ProcessLimits& limits) {
    streaming::LineSplitter splitter(kMaxEventLineBytes);
    const auto onLine = [&](std::string_view text) {
        writer.write(translator.onEvent(streaming::parseStreamLine(text)));
    };

    cli::ProcessObserver observer;
    observer.watchFd = clientFd;
    observer.onStdout = [&](std::string_view bytes) { splitter.feed(bytes, onLine); };
    // The turn is over at the result, or as soon as the answer is (a stop sequence, the
    // output limit): the caller then ends the process before it goes on.
    observer.turnComplete = [&] {
        return translator.result().has_value() || translator.endedEarly();
    };
    observer.tickInterval = std::min(std::chrono::milliseconds(250), keepAlive);
    observer.onTick = [&] {
        if (!writer.clientGone() && writer.silentFor(keepAlive)) {
            writer.write(streaming::keepAliveFrame());
        }
        return !writer.clientGone();
    };

    auto outcome = session.process->runTurn(line, limits, observer);
    if (outcome.ending != cli::ProcessOutcome::Ending::TurnComplete) {
        splitter.finish(onLine);
    }
    ++session.turns;
    session.lastUsed = Clock::now();
    return outcome;
}

}  // namespace claude_proxy::service
