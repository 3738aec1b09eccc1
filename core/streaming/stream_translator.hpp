#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_result.hpp"
#include "openai/api_error.hpp"
#include "openai/tool_types.hpp"
#include "streaming/chunk_renderer.hpp"
#include "streaming/cli_stream_event.hpp"

namespace claude_proxy::streaming {

// Turns the CLI's stream-json events into the SSE frames of an OpenAI chunk stream, in order:
// role chunk with the first text, one content chunk per text delta, then (from finish*) the
// finish chunk, the usage chunk when asked for, and [DONE] — or an in-band error and [DONE].
// Pure and single-threaded: one instance per streamed response.
class StreamTranslator {
  public:
    // `identity.model` is the fallback; the real model id replaces it once the CLI reports one
    // (always before the first chunk, so every chunk carries the same model).
    explicit StreamTranslator(ChunkIdentity identity) : identity_(std::move(identity)) {}

    // With tools: called with each text delta of the current attempt, in order (never an empty
    // one), it returns how many leading bytes of the attempt's text so far may go out as
    // content now (the rest could be the start of a tool call). It keeps whatever state it
    // needs between deltas, so it belongs to one attempt. The translator never sends more than
    // the text, never less than it already sent, and never part of a UTF-8 sequence, whatever
    // the gate answers. Without a gate every delta goes out at once. Called on the thread that
    // calls onEvent; may throw (onEvent then throws).
    using ContentGate = std::function<std::size_t(std::string_view delta)>;
    // The gate of the current attempt (replaced by the next beginAttempt).
    void setContentGate(ContentGate gate) { gate_ = std::move(gate); }

    // Frames to send now for one event ("" when nothing). api_retry becomes a keep-alive
    // comment. Text after the CLI abandoned already-forwarded blocks is held back: sending it
    // would repeat or contradict what the client has.
    std::string onEvent(const CliStreamEvent& event);

    // Starts another CLI run of the same response (a retry): forgets the previous run's text,
    // result and tool_use blocks; the identity and what was already sent stay. `gate` is the
    // new attempt's gate (empty: none); the previous one is dropped, since it has seen the
    // previous run's text.
    void beginAttempt(ContentGate gate) {
        gate_ = std::move(gate);
        fullText_.clear();
        sent_ = 0;
        toolUses_.clear();
        result_.reset();
        interrupted_ = false;
        forwardedText_ = false;
    }

    // True once any chunk has been produced (the HTTP response is then committed).
    bool started() const { return started_; }

    // The result event, once seen.
    const std::optional<cli::CliResult>& result() const { return result_; }

    // True when the CLI abandoned blocks after text had been forwarded.
    bool interrupted() const { return interrupted_; }

    // Closing frames of a successful run. Text the CLI delivered only in its result (no
    // deltas: e.g. a non-streaming fallback) is sent here as one content chunk.
    std::string finishSuccess(const cli::CliResult& result, const openai::Usage& usage);

    // Closing frames of a run with tools: the content not sent yet (`content` is the handler's
    // parsed content; only what extends the text already sent is added), one pair of
    // tool-call delta chunks per call (index, id, type, name; then arguments), the finish
    // chunk, usage when asked for, and [DONE].
    std::string finishWithTools(const std::string& content,
                                const std::vector<openai::ToolCallRecord>& calls,
                                const std::string& finishReason, const openai::Usage& usage);

    // All text the model produced so far (sent or held back by the gate).
    const std::string& fullText() const { return fullText_; }
    // How many bytes of fullText() went out as content.
    std::size_t sentLength() const { return sent_; }
    // Native tool_use blocks the CLI reported.
    const std::vector<CliStreamEvent::ToolUse>& nativeToolUses() const { return toolUses_; }

    // Closing frames of a failed run: the error as a data event, then [DONE].
    std::string finishError(const openai::ApiError& error) const;

    const ChunkIdentity& identity() const { return identity_; }

  private:
    std::string startIfNeeded();
    std::string releaseText(std::size_t upTo);
    std::string closingFrames(const std::string& finishReason, const openai::Usage& usage);

    ChunkIdentity identity_;
    bool modelKnown_ = false;
    bool started_ = false;
    bool forwardedText_ = false;
    bool interrupted_ = false;
    std::optional<cli::CliResult> result_;
    ContentGate gate_;
    std::string fullText_;
    std::size_t sent_ = 0;
    std::vector<CliStreamEvent::ToolUse> toolUses_;
};

}  // namespace claude_proxy::streaming
