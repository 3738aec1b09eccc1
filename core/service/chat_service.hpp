#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
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
#include "openai/chat_completion.hpp"
#include "openai/chat_request.hpp"
#include "service/run_directory.hpp"
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
    int refusalRetries = 1;  // retries after a false refusal (tool requests)
    std::map<std::string, std::string> parentEnvironment;
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

// Runs chat completions through the CLI: takes a concurrency slot, prepares a private run
// directory, spawns the CLI, and turns its output into a Completion or an SSE stream. Throws
// openai::ApiError for every failure the client should see, ClientGone when the client left.
// Thread-safe: one instance serves all request threads.
class ChatService {
  public:
    ChatService(ChatServiceConfig config, cli::ConcurrencyLimiter& limiter);

    // `clientFd` is the request's socket, watched for hang-up while the CLI runs (-1: none).
    openai::Completion complete(const openai::ChatRequest& request, int clientFd,
                                RunReport& report) const;

    // Runs one streaming completion, writing SSE frames to `sink` as the CLI produces them.
    // Failures before anything was written are thrown as openai::ApiError (a normal HTTP
    // error); after that they are written in-band and the call returns normally. Throws
    // ClientGone when the client left.
    void stream(const openai::ChatRequest& request, int clientFd, StreamSink& sink,
                RunReport& report) const;

    // A request whose tools (or tool history) are served by `handler`: its instructions join
    // the system prompt, its protocol renders the history, its parser finds the calls in the
    // reply, and its refusal check may ask for a bounded retry. `sink` null: non-streaming
    // (the Completion is returned); otherwise streamed like stream() and the return value is
    // empty. Same errors as above; a failing handler hook is a 502.
    openai::Completion completeWithTools(const openai::ChatRequest& request,
                                         const toolcall::ToolCallHandler& handler, int clientFd,
                                         StreamSink* sink, RunReport& report) const;

    // From now on every new run is refused with 503 (server shutdown), those waiting for a
    // slot included. Thread-safe.
    void refuseNewRuns() const {
        refusing_.store(true);
        limiter_.close();
    }

    // Runs `claude auth status` (bounded by a few seconds) and reads whether the CLI is logged
    // in; nullopt when there is no CLI or the answer is unreadable.
    std::optional<bool> probeLogin() const;

    // The CLI path requests will use right now (re-resolved when it was missing at start-up).
    std::optional<std::string> cliPath() const;

    // Everything one run needs, prepared before spawning; holds the concurrency slot and the
    // private directory until the run is over. (Shared by the flows of this layer.)
    struct PreparedRun {
        std::optional<cli::ConcurrencyLimiter::Slot> slot;
        std::string cliPath;
        std::unique_ptr<RunDirectory> directory;
        cli::ProcessSpec spec;
        cli::ProcessLimits limits;
    };
    // Takes `slot` (or waits for a new one), renders `messages` into the transcript, appends
    // `toolInstructions` to the system prompt, and builds the command line. While it waits for
    // a slot, `clientFd` (-1: none) is watched: a client that hangs up meanwhile gives its
    // place in the queue back at once and gets ClientGone, before any CLI is spawned for it.
    PreparedRun prepare(const openai::ChatRequest& request, cli::OutputMode mode,
                        const std::vector<openai::ChatMessage>& messages,
                        const std::string& toolInstructions,
                        std::optional<cli::ConcurrencyLimiter::Slot> slot, int clientFd) const;

    const ChatServiceConfig& config() const { return config_; }

  private:
    ChatServiceConfig config_;
    cli::ConcurrencyLimiter& limiter_;
    mutable std::atomic<bool> refusing_{false};
};

// "chatcmpl-" followed by 24 random letters and digits.
std::string makeCompletionId();

}  // namespace claude_proxy::service
