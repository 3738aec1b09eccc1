#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_invocation.hpp"
#include "cli/concurrency_limiter.hpp"
#include "cli/process_runner.hpp"
#include "cli/run_directory.hpp"
#include "conversation/session_pool.hpp"
#include "conversation/session_store.hpp"
#include "openai/chat_completion.hpp"
#include "openai/chat_request.hpp"
#include "service/remote_media.hpp"
#include "streaming/answer_renderer.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::service {

struct ChatServiceConfig {
    std::string claudeBin;        // as configured: a path or a name on PATH
    std::string resolvedCliPath;  // found at start-up; empty when it was not found then
    cli::CliPatience patience;
    cli::SystemPromptMode systemPromptMode = cli::SystemPromptMode::Replace;
    std::chrono::milliseconds queueTimeout{30000};
    std::chrono::milliseconds requestTimeout{600000};
    std::chrono::milliseconds killGrace{2000};
    std::chrono::milliseconds keepAliveInterval{5000};  // SSE comment during silence
    std::string runParent;                              // where private run directories are made
    int refusalRetries = 1;         // retries after a false refusal (tool requests)
    bool showReasoning = true;      // thinking goes out as reasoning_content
    RemoteMediaPolicy remoteMedia;  // images given by http URL (service/remote_media.hpp)
    std::map<std::string, std::string> parentEnvironment;
    conversation::PoolLimits pool;  // live conversations and spare processes
    // The disk tier (transcripts resumed with --resume): kept under `stateDir`; off when empty.
    std::string stateDir;
    conversation::StoreLimits store;
};

// What happened inside one run, for the access log (filled on success and failure).
struct RunReport {
    std::optional<int> cliExitCode;
    std::chrono::milliseconds cliDuration{0};
    std::string stderrTail;         // logged on failure, never sent to the client
    std::string inBandError;        // code of an error sent inside a committed stream
    std::int64_t promptTokens = 0;  // streaming only (non-streaming has the Completion)
    std::int64_t completionTokens = 0;
    int refusalRetries = 0;  // CLI runs repeated after a false refusal
    std::string session;     // "live", "spare" or "cold": where the CLI process came from
};

// Who is asking and how the conversation can be recognised later; filled by the HTTP layer.
struct RequestContext {
    std::string scope;  // conversations are kept apart by it: a digest of the API key, or ""
    int clientFd = -1;  // the request's socket, watched for hang-up while the CLI runs
};

// The client closed its connection while we waited for the CLI: there is no one to answer.
class ClientGone : public std::runtime_error {
  public:
    ClientGone() : std::runtime_error("client closed the connection") {}
};

// Where a streamed response goes; implemented by the HTTP layer. Called on the request thread.
class StreamSink {
  public:
    virtual ~StreamSink() = default;
    // Sends `frames` at once (the first call commits the 200 and the SSE headers). Returns
    // false when the client can no longer be written to.
    virtual bool write(std::string_view frames) = 0;
    // True once anything was written: errors must then go in-band.
    virtual bool committed() const = 0;
};

// Runs chat completions through the CLI: takes a concurrency slot, finds the CLI process for
// the conversation (a live one that already holds the history, a spare started ahead, or a new
// one), writes the request's new messages as a turn, and turns the events into a Completion or
// an SSE stream. Throws openai::ApiError for every failure the client should see, ClientGone
// when the client left. Thread-safe: one instance serves all request threads.
class ChatService {
  public:
    ChatService(ChatServiceConfig config, cli::ConcurrencyLimiter& limiter,
                conversation::PoolEventFn poolEvents = {});
    ~ChatService();

    // One chat completion. `handler` serves the request's tools (or its tool history); null:
    // none. `sink` null: non-streaming, the Completion is returned. Otherwise the answer is
    // streamed to `sink` as SSE frames as the CLI produces them, and the return value is
    // empty: failures before anything was written are thrown as openai::ApiError (a normal
    // HTTP error); after that they are written in-band and the call returns normally. With a
    // handler, its instructions join the system prompt, its protocol renders the history, its
    // parser finds the calls in the reply, and its refusal check may ask for a bounded retry;
    // a failing handler hook is a 502. Throws ClientGone when the client left. `renderer`
    // writes the streamed frames (null: chat.completion.chunk frames); the Responses API
    // passes its own.
    openai::Completion run(const openai::ChatRequest& request,
                           const toolcall::ToolCallHandler* handler, const RequestContext& context,
                           StreamSink* sink, RunReport& report,
                           streaming::AnswerRenderer* renderer = nullptr) const;

    // From now on every new run is refused with 503 (server shutdown), those waiting for a
    // slot included, and no process is kept or started ahead any more. Thread-safe.
    void refuseNewRuns() const;

    // Ends every kept process (after refuseNewRuns, at shutdown).
    void endKeptProcesses() const;

    // Runs `claude auth status` (bounded by a few seconds) and reads whether the CLI is logged
    // in; nullopt when there is no CLI or the answer is unreadable.
    std::optional<bool> probeLogin() const;

    // The CLI path requests will use right now (re-resolved when it was missing at start-up).
    std::optional<std::string> cliPath() const;

    // Live conversations, spares and transcripts on disk kept right now.
    conversation::PoolSnapshot poolSnapshot() const;

    const ChatServiceConfig& config() const { return config_; }

    // A CLI process for one conversation, not set up yet (no model, no system prompt): spawned
    // in a new private directory. Throws 503 cli_unavailable when the CLI cannot be started;
    // null only from the pool's spare starter when no CLI is found. (Used by the flow and the
    // pool.)
    // `resume`: a kept transcript the process starts from (the disk tier).
    std::unique_ptr<conversation::CliSession> newSession(
        bool throwIfMissing = true,
        const conversation::SessionStore::Found* resume = nullptr) const;

    // A spare for the pool: a new session whose CLI has finished starting (it answered a
    // control request). Null when no CLI is found; throws when it does not come up.
    std::unique_ptr<conversation::CliSession> newSpare() const;

    // A concurrency slot, or the 429/503 that says why there is none; ClientGone when the
    // client at `clientFd` hangs up while the request waits (-1: not watched).
    cli::ConcurrencyLimiter::Slot acquireSlot(int clientFd) const;

    // The kept processes (used by SessionLease).
    conversation::SessionPool& pool() const { return *pool_; }
    // The kept transcripts; null when the disk tier is off.
    conversation::SessionStore* store() const { return store_.get(); }

  private:
    ChatServiceConfig config_;
    cli::ConcurrencyLimiter& limiter_;
    mutable std::atomic<bool> refusing_{false};
    void openStore();
    // Makes `session`'s process persist its transcript (and start from `resume`'s, if given).
    void persistSession(conversation::CliSession& session, cli::InvocationOptions& invocation,
                        cli::ProcessSpec& spec,
                        const conversation::SessionStore::Found* resume) const;

    std::unique_ptr<conversation::SessionStore> store_;
    std::filesystem::path sessionCwd_;   // the one working directory of persisted processes
    std::filesystem::path projectsDir_;  // where the CLI writes their transcripts
    std::unique_ptr<conversation::SessionPool> pool_;
};

// "chatcmpl-" followed by 24 random letters and digits.
std::string makeCompletionId();

}  // namespace claude_proxy::service
