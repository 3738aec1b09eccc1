#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "cli/process_runner.hpp"
#include "conversation/cli_session.hpp"
#include "service/chat_service.hpp"
#include "streaming/stream_translator.hpp"

namespace claude_proxy::service {

// Writes SSE frames to a sink (or nowhere, for a non-streaming request, whose CLI runs in
// stream-json mode just the same) and remembers when the client was last written to.
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

// Gives a session that is not set up yet its system prompt (`append`: after Claude Code's own)
// and its model, as control requests, and waits for the CLI to confirm both (a new process
// answers once it has started). Returns the outcome of that exchange: TurnComplete when both
// were confirmed; anything else means the process is gone (and `confirmed` tells whether the
// CLI refused a request).
// `jsonSchema`: the structured-output schema every answer of the process must follow.
cli::ProcessOutcome configureSession(conversation::CliSession& session,
                                     const std::string& systemPrompt, bool append,
                                     const std::optional<std::string>& jsonSchema,
                                     const std::string& model, int clientFd,
                                     const cli::ProcessLimits& limits, bool& refused);

// Sets the effort and output-token limit of the session's next turns when they differ from
// what it has (a control request, confirmed by the CLI). TurnComplete when nothing had to
// change or the CLI confirmed; `refused` when it answered with an error.
cli::ProcessOutcome applyTurnSettings(conversation::CliSession& session,
                                      const conversation::TurnSettings& wanted, int clientFd,
                                      const cli::ProcessLimits& limits, bool& refused);

// Waits until a new session's CLI has started and answers on stdin (a control request that
// changes nothing lasting), so that a spare is ready in fact, not only spawned. True when it
// answered within `limits`.
bool warmUpSession(conversation::CliSession& session, const cli::ProcessLimits& limits);

// One user turn on a session that is set up: `line` is written to the CLI, every stdout line
// goes through `translator`, the frames it yields go to `writer` at once, and silence longer
// than `keepAlive` gets a keep-alive comment (only when the writer has a sink). The turn is
// over at the CLI's result line (TurnComplete: the process runs on) or when the process ends.
cli::ProcessOutcome runUserTurn(conversation::CliSession& session, std::string_view line,
                                streaming::StreamTranslator& translator, FrameWriter& writer,
                                int clientFd, std::chrono::milliseconds keepAlive,
                                const cli::ProcessLimits& limits);

}  // namespace claude_proxy::service
