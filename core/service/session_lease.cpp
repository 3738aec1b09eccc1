#include "service/session_lease.hpp"

#include <spdlog/spdlog.h>

#include "cli/cli_failure.hpp"
#include "service/run_outcome.hpp"
#include "service/session_turn.hpp"

namespace claude_proxy::service {
namespace {

// A new process must have started and answered its set-up within this (or the request's own
// limit, when shorter).
constexpr std::chrono::milliseconds kSetUpLimit{60000};

bool isSystem(openai::Role role) {
    return role == openai::Role::System || role == openai::Role::Developer;
}

}  // namespace

std::optional<std::string> newMessagesText(const std::vector<openai::ChatMessage>& rendered,
                                           std::size_t prefixLength) {
    std::string text;
    std::size_t seen = 0;
    bool any = false;
    for (const auto& message : rendered) {
        if (isSystem(message.role)) {
            continue;
        }
        if (seen++ < prefixLength) {
            continue;
        }
        if (message.role == openai::Role::Assistant) {
            return std::nullopt;
        }
        if (any) {
            text += "\n\n";
        }
        text += message.content;
        any = true;
    }
    if (!any) {
        return std::nullopt;
    }
    return text;
}

SessionLease::SessionLease(const ChatService& service, const openai::ChatRequest& request,
                           const std::vector<openai::ChatMessage>& renderedMessages,
                           const openai::Transcript& transcript,
                           const toolcall::ToolCallHandler* handler, const RequestContext& context,
                           RunReport& report)
    : service_(service),
      request_(request),
      context_(context),
      report_(report),
      systemPrompt_(transcript.systemPrompt) {
    const auto header = conversation::headerDigest(
        {context.scope, request.cliModel, systemPrompt_,
         service.config().systemPromptMode == cli::SystemPromptMode::Append,
         handler != nullptr ? handler->name() : std::string(),
         request.generation.jsonSchema.value_or("")});
    prefixes_ = conversation::prefixDigests(header, request.messages);
    slot_.emplace(service.acquireSlot(context.clientFd));
    open(renderedMessages, transcript.prompt);
    if (!session_->configured) {
        configure();
    }
}

SessionLease::~SessionLease() = default;

void SessionLease::open(const std::vector<openai::ChatMessage>& renderedMessages,
                        const std::string& wholeConversation) {
    auto& pool = service_.pool();
    cliPath_ = service_.cliPath().value_or(service_.config().claudeBin);
    wholeConversation_ = wholeConversation;
    if (auto match = pool.takeLive(prefixes_)) {
        if (auto text = newMessagesText(renderedMessages, match->prefixLength)) {
            session_ = std::move(match->session);
            firstInput_ = std::move(*text);
            report_.session = "live";
            pool.event("lookup", "live");
            return;
        }
        // The request does not continue that conversation (it edits or regenerates it): the
        // kept process stays for a client that does.
        pool.keep(prefixes_[match->prefixLength], std::move(match->session));
        pool.event("miss", "diverged");
    } else if (prefixes_.size() > 2) {
        pool.event("miss", "unknown");  // a history the proxy does not hold (or no more)
    } else {
        pool.event("miss", "new");  // a conversation's first turn
    }
    firstInput_ = wholeConversation;
    if ((session_ = pool.takeSpare())) {
        report_.session = "spare";
        pool.event("lookup", "spare");
        return;
    }
    session_ = service_.newSession();
    report_.session = "cold";
    pool.event("lookup", "cold");
}

void SessionLease::configure() {
    cli::ProcessLimits limits;
    limits.totalTimeout = std::min(service_.config().requestTimeout, kSetUpLimit);
    limits.killGrace = service_.config().killGrace;
    bool refused = false;
    const auto outcome = configureSession(
        *session_, systemPrompt_,
        service_.config().systemPromptMode == cli::SystemPromptMode::Append,
        request_.generation.jsonSchema, request_.cliModel, context_.clientFd, limits, refused);
    if (outcome.ending == cli::ProcessOutcome::Ending::TurnComplete && !refused) {
        return;
    }
    recordOutcome(outcome, report_);
    throwIfNoOneToAnswer(outcome);
    if (refused) {
        throw openai::ApiError(502, "server_error", "cli_failed",
                               "The claude CLI refused to be set up for this request.");
    }
    throw cli::mapFailure(std::nullopt, runEndingOf(outcome), cliPath_, request_.requestedModel,
                          unixNow());
}

void SessionLease::replaceWithNew() {
    session_.reset();  // ends the process that is left, if any
    session_ = service_.newSession();
    report_.session = "cold";
    service_.pool().event("lookup", "cold");
    firstInput_ = wholeConversation_;
    configure();
}

void SessionLease::keep(const openai::ChatMessage& reply) {
    if (!session_) {
        return;
    }
    service_.pool().keep(conversation::extend(prefixes_.back(), reply), std::move(session_));
    slot_.reset();
}

}  // namespace claude_proxy::service
