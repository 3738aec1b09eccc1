#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/cli_result.hpp"
#include "openai/api_error.hpp"
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

    // Frames to send now for one event ("" when nothing). api_retry becomes a keep-alive
    // comment. Text after the CLI abandoned already-forwarded blocks is held back: sending it
    // would repeat or contradict what the client has.
    std::string onEvent(const CliStreamEvent& event);

    // True once any chunk has been produced (the HTTP response is then committed).
    bool started() const { return started_; }

    // The result event, once seen.
    const std::optional<cli::CliResult>& result() const { return result_; }

    // True when the CLI abandoned blocks after text had been forwarded.
    bool interrupted() const { return interrupted_; }

    // Closing frames of a successful run. Text the CLI delivered only in its result (no
    // deltas: e.g. a non-streaming fallback) is sent here as one content chunk.
    std::string finishSuccess(const cli::CliResult& result, const openai::Usage& usage);

    // Closing frames of a failed run: the error as a data event, then [DONE].
    std::string finishError(const openai::ApiError& error) const;

    const ChunkIdentity& identity() const { return identity_; }

  private:
    std::string startIfNeeded();

    ChunkIdentity identity_;
    bool modelKnown_ = false;
    bool started_ = false;
    bool forwardedText_ = false;
    bool interrupted_ = false;
    std::optional<cli::CliResult> result_;
};

}  // namespace claude_proxy::streaming
