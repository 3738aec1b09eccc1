#include <chrono>

#include "cli/cli_failure.hpp"
#include "cli/process_runner.hpp"
#include "service/chat_service.hpp"
#include "service/run_directory.hpp"
#include "service/run_outcome.hpp"
#include "streaming/cli_stream_event.hpp"
#include "streaming/line_splitter.hpp"
#include "streaming/stream_translator.hpp"

namespace claude_proxy::service {
namespace {

// One stream-json line is one event; text deltas are small, but a final assistant or result
// line carries the whole answer. Anything past this is dropped rather than buffered.
constexpr std::size_t kMaxEventLineBytes = 32 * 1024 * 1024;

using Clock = std::chrono::steady_clock;

// Writes frames to the sink and remembers when the client was last written to.
class FrameWriter {
  public:
    explicit FrameWriter(StreamSink& sink) : sink_(sink), lastWrite_(Clock::now()) {}

    void write(const std::string& frames) {
        if (frames.empty() || clientGone_) {
            return;
        }
        if (!sink_.write(frames)) {
            clientGone_ = true;
        }
        lastWrite_ = Clock::now();
    }

    bool silentFor(std::chrono::milliseconds interval) const {
        return Clock::now() - lastWrite_ >= interval;
    }

    bool clientGone() const { return clientGone_; }

  private:
    StreamSink& sink_;
    Clock::time_point lastWrite_;
    bool clientGone_ = false;
};

}  // namespace

void ChatService::stream(const openai::ChatRequest& request, int clientFd, StreamSink& sink,
                         RunReport& report) const {
    const auto run = prepare(request, cli::OutputMode::StreamJson);

    streaming::StreamTranslator translator(
        {makeCompletionId(), unixNow(), request.requestedModel, request.includeUsage});
    streaming::LineSplitter splitter(kMaxEventLineBytes);
    FrameWriter writer(sink);
    const auto onLine = [&](std::string_view line) {
        writer.write(translator.onEvent(streaming::parseStreamLine(line)));
    };

    cli::ProcessObserver observer;
    observer.watchFd = clientFd;
    observer.onStdout = [&](std::string_view bytes) { splitter.feed(bytes, onLine); };
    observer.tickInterval = std::min(std::chrono::milliseconds(250), config_.keepAliveInterval);
    observer.onTick = [&] {
        if (!writer.clientGone() && writer.silentFor(config_.keepAliveInterval)) {
            writer.write(streaming::keepAliveFrame());
        }
        return !writer.clientGone();
    };

    const auto outcome = cli::runProcess(run.spec, run.limits, observer);
    splitter.finish(onLine);
    recordOutcome(outcome, report);
    if (writer.clientGone()) {
        throw ClientGone();
    }

    const auto& result = translator.result();
    const auto ending = runEndingOf(outcome);
    try {
        throwIfNoOneToAnswer(outcome);
        if (!cli::isSuccess(result, ending)) {
            throw cli::mapFailure(result, ending, run.cliPath, request.requestedModel, unixNow());
        }
        if (translator.interrupted()) {
            throw openai::ApiError(502, "server_error", "stream_interrupted",
                                   "The upstream stream broke off after part of the answer was "
                                   "sent; the answer is incomplete.");
        }
    } catch (const openai::ApiError& error) {
        if (!sink.committed()) {
            throw;
        }
        report.inBandError = error.code();
        writer.write(translator.finishError(error));
        return;
    }
    writer.write(translator.finishSuccess(*result, usageOf(result->usage)));
    report.promptTokens = usageOf(result->usage).promptTokens();
    report.completionTokens = result->usage.outputTokens;
    if (writer.clientGone()) {
        throw ClientGone();
    }
}

}  // namespace claude_proxy::service
