#pragma once

#include <chrono>
#include <string>

#include "cli/process_runner.hpp"
#include "service/chat_service.hpp"
#include "streaming/stream_translator.hpp"

namespace claude_proxy::service {

// Writes SSE frames to a sink (or nowhere, for a non-streaming request that still runs the
// CLI in stream-json mode) and remembers when the client was last written to.
class FrameWriter {
  public:
    explicit FrameWriter(StreamSink* sink);

    void write(const std::string& frames);
    bool silentFor(std::chrono::milliseconds interval) const;
    bool clientGone() const { return clientGone_; }
    bool committed() const { return sink_ != nullptr && sink_->committed(); }

  private:
    StreamSink* sink_;
    std::chrono::steady_clock::time_point lastWrite_;
    bool clientGone_ = false;
};

// Runs one CLI process in stream-json mode: every stdout line goes through `translator`, the
// frames it yields go to `writer` at once, and silence longer than `keepAlive` gets a
// keep-alive comment (only when the writer has a sink). Returns how the process ended; the
// translator then holds the result, the text and any native tool_use blocks.
cli::ProcessOutcome runStreamAttempt(const ChatService::PreparedRun& run,
                                     streaming::StreamTranslator& translator, FrameWriter& writer,
                                     int clientFd, std::chrono::milliseconds keepAlive);

}  // namespace claude_proxy::service
