#include "service/session_lease.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

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

std::optional<TurnInput> newMessagesText(const std::vector<openai::ChatMessage>& rendered,
                                         std::size_t prefixLength) {
    TurnInput input;
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
            input.text += "\n\n";
        }
        const std::size_t start = input.text.size();
        input.text += message.content;
        for (const auto& part : message.media) {
            input.media.push_back(part);
            input.media.back().offset = start + std::min(part.offset, message.content.size());
        }
        any = true;
    }
    if (!any) {
        return std::nullopt;
    }
    return input;
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
      systemPrompt_(transcript.systemPrompt),
      renderedMessages_(&renderedMessages) {
    const auto header = conversation::headerDigest(
        {context.scope, request.cliModel, systemPrompt_,
         service.config().systemPromptMode == cli::SystemPromptMode::Append,
         handler != nullptr ? handler->name() : std::string(),
         request.generation.jsonSchema.value_or("")});
    prefixes_ = conversation::prefixDigests(header, request.messages);
    slot_.emplace(service.acquireSlot(context.clientFd));
    open(renderedMessages, {transcript.prompt, transcript.media});
    if (!session_->configured) {
        configure();
    }
}

bool SessionLease::openResumed(const std::vector<openai::ChatMessage>& renderedMessages) {
    auto* store = service_.store();
    if (store == nullptr || prefixes_.size() <= 2) {
        return false;  // the tier is off, or this is a conversation's first turn
    }
    auto found = store->find(prefixes_);
    if (!found) {
        service_.pool().event("resume_miss", "absent");
        return false;
    }
    if (!store->intact(*found)) {
        spdlog::warn("the kept transcript {} is damaged; replaying the history instead",
                     found->file.string());
        store->forget(found->digest);
        service_.pool().event("resume_miss", "damaged");
        return false;
    }
    auto text = newMessagesText(renderedMessages, found->prefixLength);
    if (!text) {
        service_.pool().event("resume_miss", "diverged");
        return false;
    }
    session_ = service_.newSession(true, &*found);
    firstInput_ = std::move(*text);
    resumedFrom_ = found->digest;
    report_.session = "resumed";
    return true;
}

SessionLease::~SessionLease() = default;

void SessionLease::open(const std::vector<openai::ChatMessage>& renderedMessages,
                        const TurnInput& wholeConversation) {
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
    if (openResumed(renderedMessages)) {
        return;
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
        if (report_.session == "resumed") {
            service_.pool().event("lookup", "resumed");
        }
        return;
    }
    recordOutcome(outcome, report_);
    throwIfNoOneToAnswer(outcome);
    if (report_.session == "resumed") {
        // The CLI could not load the kept transcript (gone, unreadable, "No conversation
        // found"): it is dropped, and the request gets a new process with the whole history.
        spdlog::info("could not resume the kept conversation ({}); replaying its history",
                     outcome.stderrTail.empty() ? "the CLI ended" : outcome.stderrTail);
        service_.pool().event("resume_miss", "failed");
        if (auto* store = service_.store()) {
            store->forget(resumedFrom_);
        }
        replaceWithNew();
        return;
    }
    if (refused) {
        throw openai::ApiError(502, "server_error", "cli_failed",
                               "The claude CLI refused to be set up for this request.");
    }
    throw cli::mapFailure(std::nullopt, runEndingOf(outcome), cliPath_, request_.requestedModel,
                          unixNow());
}

void SessionLease::replaceWithNew() {
    session_.reset();  // ends the process that is left, if any
    // A kept process that died: its conversation may still be on disk. (Not after a resume
    // that failed: that transcript is gone, and the history is replayed.)
    if (report_.session != "resumed" && openResumed(*renderedMessages_)) {
        configure();
        return;
    }
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
    const auto conversation = conversation::extend(prefixes_.back(), reply);
    // Only after a finished turn: a transcript on disk always ends with a whole answer.
    if (auto* store = service_.store(); store != nullptr && session_->transcript) {
        store->save(conversation, session_->transcript->sessionId, session_->transcript->path);
    }
    service_.pool().keep(conversation, std::move(session_));
    slot_.reset();
}

}  // namespace claude_proxy::service
