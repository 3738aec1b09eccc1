#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_result.hpp"
#include "openai/api_error.hpp"
#include "openai/tool_types.hpp"
#include "streaming/answer_renderer.hpp"
#include "streaming/chunk_renderer.hpp"
#include "streaming/cli_stream_event.hpp"

namespace claude_proxy::streaming {

// Turns the CLI's stream-json events into the frames of one streamed answer, through an
// AnswerRenderer: the start with the first text (or thinking), one content piece per text
// delta, thinking as reasoning, then (from finish*) the end — or an in-band error. It also
// decides when an answer is over before the CLI says so: at a stop sequence, or at the output
// token limit (the CLI would go on by itself, ../shared/claude-cli.md §7). Pure and
// single-threaded: one instance per response.
class StreamTranslator {
  public:
    // `identity` names the answer (id, created, fallback model): the real model id replaces
    // it once the CLI reports one (always before the first frame). `renderer` writes the
    // frames; null: chat.completion.chunk frames for `identity`.
    explicit StreamTranslator(ChunkIdentity identity, AnswerRenderer* renderer = nullptr);

    // With tools: called with each text delta of the current attempt, in order (never an empty
    // one), it returns how many leading bytes of the attempt's text so far may go out as
    // content now (the rest could be the start of a tool call). It keeps whatever state it
    // needs between deltas, so it belongs to one attempt. The translator never sends more than
    // the text, never less than it already sent, and never part of a UTF-8 sequence, whatever
    // the gate answers. Without a gate every delta goes out at once. Called on the thread that
    // calls onEvent; may throw (onEvent then throws).
    using ContentGate = std::function<std::size_t(std::string_view delta)>;

    // The answer ends before the first of these (non-empty) strings in its text; no part of
    // one is ever sent: text that could be the start of one waits until it cannot.
    void setStopSequences(std::vector<std::string> stop);
    // Whether thinking goes out as reasoning (it is collected either way).
    void setShowReasoning(bool show) { showReasoning_ = show; }
    // The answer ends when a message stops at max_tokens (the request set a limit).
    void setLengthLimited(bool limited) { lengthLimited_ = limited; }

    // Frames to send now for one event ("" when nothing). api_retry becomes a keep-alive.
    // Text after the CLI abandoned already-forwarded blocks is held back: sending it would
    // repeat or contradict what the client has.
    std::string onEvent(const CliStreamEvent& event);

    // Starts another CLI run of the same response (a retry): forgets the previous run's text,
    // thinking, result and tool_use blocks; the identity and what was already sent stay.
    // `gate` is the new attempt's gate (empty: none).
    void beginAttempt(ContentGate gate);

    // True once any frame has been produced (the HTTP response is then committed).
    bool started() const { return started_; }
    // The result event, once seen.
    const std::optional<cli::CliResult>& result() const { return result_; }
    // True when the CLI abandoned blocks after text had been forwarded.
    bool interrupted() const { return interrupted_; }

    // The answer is over although the CLI's turn is not: a stop sequence was reached
    // (finish "stop") or the output token limit (finish "length"). The CLI must be ended at
    // once; no result will come.
    bool endedEarly() const { return stopped_ || lengthReached_; }
    bool stoppedAtSequence() const { return stopped_; }
    bool reachedLength() const { return lengthReached_; }
    // Usage as the stream events reported it (for an answer that ended early).
    const cli::CliUsage& streamUsage() const { return streamUsage_; }
    // Thinking tokens: the CLI's count in its result when it has one, else its running estimate.
    std::int64_t thinkingTokens() const;

    // Closing frames of a successful run. Text the CLI delivered only in its result (no
    // deltas: e.g. a non-streaming fallback) is sent here as one content piece.
    std::string finishSuccess(const cli::CliResult& result, const openai::Usage& usage);

    // Closing frames of an answer: the content not sent yet (`content` is the final content;
    // only what extends the text already sent is added), each tool call, the finish with
    // `finishReason` and `usage`.
    std::string finishWithTools(const std::string& content,
                                const std::vector<openai::ToolCallRecord>& calls,
                                const std::string& finishReason, const openai::Usage& usage);

    // All text the model produced so far in this attempt (sent or held back), cut before a
    // stop sequence when one was reached.
    const std::string& fullText() const { return fullText_; }
    // The model's thinking in this attempt.
    const std::string& reasoning() const { return reasoning_; }
    // How many bytes of fullText() went out as content.
    std::size_t sentLength() const { return sent_; }
    // Native tool_use blocks the CLI reported.
    const std::vector<CliStreamEvent::ToolUse>& nativeToolUses() const { return toolUses_; }

    // Closing frames of a failed run.
    std::string finishError(const openai::ApiError& error);

    const ChunkIdentity& identity() const { return identity_; }

  private:
    std::string startIfNeeded();
    std::string releaseText(std::size_t upTo);
    std::string onText(std::string_view text);
    std::string onThinking(std::string_view text);

    ChunkIdentity identity_;
    std::unique_ptr<AnswerRenderer> ownRenderer_;
    AnswerRenderer* renderer_;
    bool modelKnown_ = false;
    bool started_ = false;
    bool forwardedText_ = false;
    bool interrupted_ = false;
    bool showReasoning_ = true;
    bool lengthLimited_ = false;
    bool stopped_ = false;
    bool lengthReached_ = false;
    std::optional<cli::CliResult> result_;
    ContentGate gate_;
    std::size_t gateAnswer_ = 0;  // the gate's last answer
    std::vector<std::string> stop_;
    std::string fullText_;
    std::string reasoning_;
    std::size_t sent_ = 0;
    std::vector<CliStreamEvent::ToolUse> toolUses_;
    cli::CliUsage streamUsage_;
    bool usageStarted_ = false;
    std::int64_t thinkingEstimate_ = 0;
};

// How many trailing bytes of `text` could be the start of one of `stop` (the longest proper
// prefix of a stop string that `text` ends with). Pure.
std::size_t stopPrefixAtEnd(std::string_view text, const std::vector<std::string>& stop);

// Where the first stop string begins in `text` when searching from `from` (matches that began
// earlier are found too when they end after `from`); npos when none. Pure.
std::size_t firstStopMatch(std::string_view text, std::size_t from,
                           const std::vector<std::string>& stop);

}  // namespace claude_proxy::streaming
