#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/concurrency_limiter.hpp"
#include "conversation/cli_session.hpp"
#include "conversation/fingerprint.hpp"
#include "openai/chat_request.hpp"
#include "openai/transcript.hpp"
#include "service/chat_service.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::service {

// The CLI process one request runs on, from the moment it holds a concurrency slot until its
// answer is complete. Opening it takes a slot, then finds the process: the live conversation
// the request continues (it then gets only the new messages), else a spare, else a new one, and
// sets it up (system prompt, model) unless it already is. When no live process holds the
// conversation but a transcript on disk does, a new process resumes that transcript and gets
// only the new messages too; if the CLI cannot resume it, the request falls back to a new
// process with the whole history. After a good answer, keep() gives the
// process back to the pool as the conversation extended by that answer; on any other path the
// lease ends the process (a half-finished turn must never be reused).
// What one turn writes to the CLI: text with its images and PDFs placed in it.
struct TurnInput {
    std::string text;
    std::vector<openai::MediaPart> media;  // offsets count bytes of `text`
};

class SessionLease {
  public:
    // `renderedMessages` are the request's messages as the CLI sees them (tool history
    // rendered by the handler, when there is one); `transcript` their system prompt (with the
    // handler's instructions) and the whole conversation as one prompt.
    SessionLease(const ChatService& service, const openai::ChatRequest& request,
                 const std::vector<openai::ChatMessage>& renderedMessages,
                 const openai::Transcript& transcript, const toolcall::ToolCallHandler* handler,
                 const RequestContext& context, RunReport& report);
    ~SessionLease();
    SessionLease(const SessionLease&) = delete;
    SessionLease& operator=(const SessionLease&) = delete;

    conversation::CliSession& session() { return *session_; }
    // What the first turn writes: only the new messages for a live conversation, the whole
    // conversation (as one transcript) otherwise.
    const TurnInput& firstInput() const { return firstInput_; }
    // The CLI path, for error messages.
    const std::string& cliPath() const { return cliPath_; }

    // True when the process was not started for this request (a kept conversation, a spare).
    bool reusedProcess() const { return report_.session != "cold"; }
    // Drops the process for a new one that gets the whole conversation (firstInput() changes).
    void replaceWithNew();

    // Gives the process back as the conversation the client will continue: its messages plus
    // `reply` as it was returned.
    void keep(const openai::ChatMessage& reply);

    // Ends the process now (a turn cut short must not go on, nor be reused).
    void discard() { session_.reset(); }

  private:
    void open(const std::vector<openai::ChatMessage>& renderedMessages,
              const TurnInput& wholeConversation);
    void configure();
    // The disk tier: a new process that resumes the kept transcript the request continues.
    bool openResumed(const std::vector<openai::ChatMessage>& renderedMessages);

    const ChatService& service_;
    const openai::ChatRequest& request_;
    const RequestContext& context_;
    RunReport& report_;
    std::string systemPrompt_;
    std::vector<conversation::Digest> prefixes_;
    std::optional<cli::ConcurrencyLimiter::Slot> slot_;
    std::unique_ptr<conversation::CliSession> session_;
    TurnInput firstInput_;
    TurnInput wholeConversation_;
    std::string cliPath_;
    const std::vector<openai::ChatMessage>* renderedMessages_;  // the request's, outlive it
    conversation::Digest resumedFrom_;  // the kept transcript a resumed process started from
};

// The messages a live conversation has not seen yet: the rendered messages after its first
// `prefixLength` non-system ones, their texts joined by blank lines, their media kept in place.
// nullopt when they cannot be written as a user turn: none at all (a regenerate) or an
// assistant's among them (an edited or injected history). Pure.
std::optional<TurnInput> newMessagesText(const std::vector<openai::ChatMessage>& rendered,
                                         std::size_t prefixLength);

}  // namespace claude_proxy::service
