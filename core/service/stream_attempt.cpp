#include "service/stream_attempt.hpp"

#include <algorithm>

#include "streaming/cli_stream_event.hpp"
#include "streaming/line_splitter.hpp"

namespace claude_proxy::service {
namespace {

// One stream-json line is one event; text deltas are small, but a final assistant or result
// line carries the whole answer. Anything past this is dropped rather than buffered.
constexpr std::size_t kMaxEventLineBytes = 32 * 1024 * 1024;

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

cli::ProcessOutcome runStreamAttempt(const ChatService::PreparedRun& run,
                                     streaming::StreamTranslator& translator, FrameWriter& writer,
                                     int clientFd, std::chrono::milliseconds keepAlive) {
    streaming::LineSplitter splitter(kMaxEventLineBytes);
    const auto onLine = [&](std::string_view line) {
        writer.write(translator.onEvent(streaming::parseStreamLine(line)));
    };

    cli::ProcessObserver observer;
    observer.watchFd = clientFd;
    observer.onStdout = [&](std::string_view bytes) { splitter.feed(bytes, onLine); };
    observer.tickInterval = std::min(std::chrono::milliseconds(250), keepAlive);
    observer.onTick = [&] {
        if (!writer.clientGone() && writer.silentFor(keepAlive)) {
            writer.write(streaming::keepAliveFrame());
        }
        return !writer.clientGone();
    };

    auto outcome = cli::runProcess(run.spec, run.limits, observer);
    splitter.finish(onLine);
    return outcome;
}

}  // namespace claude_proxy::service
