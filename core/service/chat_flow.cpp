// One chat completion through the CLI, streamed or not, with or without tools: every request
// takes this one path. With a tool-call handler, its protocol goes in, tool calls come out, and
// a false refusal gets bounded retries. A JSON schema makes the answer the CLI's validated
// structured output; stop sequences and an output-token limit end the turn early. Without a
// sink the frames simply go nowhere and the answer becomes a Completion.
#include <spdlog/spdlog.h>

#include "cli/cli_failure.hpp"
#include "cli/stream_input.hpp"
#include "openai/transcript.hpp"
#include "service/chat_service.hpp"
#include "service/run_outcome.hpp"
#include "service/session_lease.hpp"
#include "service/session_turn.hpp"
#include "streaming/stream_translator.hpp"
#include "toolcall/call_acceptance.hpp"
#include "toolcall/tool_history.hpp"

namespace claude_proxy::service {
namespace {

constexpr std::string_view kStructuredNudge =
    "You did not call the StructuredOutput tool. Call it now, once, with your answer as input "
    "that satisfies its schema.";

// Retries of a structured answer the CLI ended without its structured output.
constexpr int kStructuredRetries = 1;

constexpr std::string_view kDefaultNudge =
    "You did not call a tool. The tools listed in the system prompt are available to you: "
    "call the appropriate one now, in the format the system prompt describes.";

openai::Usage& operator+=(openai::Usage& total, const openai::Usage& more) {
    total.inputTokens += more.inputTokens;
    total.outputTokens += more.outputTokens;
    total.reasoningTokens += more.reasoningTokens;
    total.cacheReadTokens += more.cacheReadTokens;
    total.cacheCreationTokens += more.cacheCreationTokens;
    return total;
}

bool demandsCall(const openai::ToolRequest& tools) {
    return tools.choice == openai::ToolChoiceMode::Required ||
           tools.choice == openai::ToolChoiceMode::Named;
}

// A handler hook failed: the plugin's fault, not the client's.
openai::ApiError handlerFailure(const toolcall::HandlerError& error) {
    spdlog::error("tool-call handler failed: {}", error.what());
    return openai::ApiError(502, "server_error", "toolcall_handler_failed",
                            "The tool-call handler failed on this request; see the proxy log.");
}

// A run that stopped on a native tool_use (--max-turns 1 ends it with error_max_turns) is a
// call, not a failure, when the tool was offered; acceptCalls decides that afterwards.
bool endedOnNativeCall(const std::optional<cli::CliResult>& result,
                       const streaming::StreamTranslator& translator) {
    return result && result->subtype == "error_max_turns" && !translator.nativeToolUses().empty();
}

// The process ended on its own before the turn produced anything at all.
bool lostBeforeAnswering(const cli::ProcessOutcome& outcome,
                         const streaming::StreamTranslator& translator) {
    using Ending = cli::ProcessOutcome::Ending;
    return (outcome.ending == Ending::Exited || outcome.ending == Ending::Signaled) &&
           !translator.result() && !translator.started();
}

// A run with a JSON schema that ended without structured output: the model answered in text
// (the CLI then asks for the tool and, with one turn allowed, stops), gave input the schema
// rejects, or the CLI ended "successfully" without the key.
bool missedStructuredOutput(const std::optional<cli::CliResult>& result) {
    if (!result) {
        return false;
    }
    if (!result->isError) {
        return !result->structuredOutput.has_value();
    }
    return result->subtype == "error_max_turns" ||
           result->subtype == "error_max_structured_output_retries";
}

// The usage of one turn: the result's, or what the stream reported when the turn was cut short.
openai::Usage turnUsage(const streaming::StreamTranslator& translator) {
    auto usage = translator.result() && !translator.endedEarly()
                     ? usageOf(translator.result()->usage)
                     : usageOf(translator.streamUsage());
    usage.reasoningTokens = std::min(translator.thinkingTokens(), usage.outputTokens);
    return usage;
}

std::string finishReasonOf(const streaming::StreamTranslator& translator, bool structured,
                           bool withCalls) {
    if (withCalls) {
        return "tool_calls";
    }
    if (translator.stoppedAtSequence() || structured) {
        return "stop";
    }
    if (translator.reachedLength()) {
        return "length";
    }
    return openai::finishReasonFor(translator.result()->stopReason);
}

// Sets the turn's effort and output limit on the lease's process. A reused process that is
// gone by now is replaced once (returns true: the first input changed).
bool prepareTurn(const ChatServiceConfig& config, SessionLease& lease,
                 const conversation::TurnSettings& settings, const RequestContext& context,
                 const std::string& requestedModel, bool mayReplace, RunReport& report) {
    cli::ProcessLimits limits;
    limits.totalTimeout = std::min(config.requestTimeout, std::chrono::milliseconds(60000));
    limits.killGrace = config.killGrace;
    bool refused = false;
    auto outcome = applyTurnSettings(lease.session(), settings, context.clientFd, limits, refused);
    using Ending = cli::ProcessOutcome::Ending;
    if (outcome.ending == Ending::TurnComplete && !refused) {
        return false;
    }
    if (!refused && mayReplace && lease.reusedProcess() &&
        (outcome.ending == Ending::Exited || outcome.ending == Ending::Signaled)) {
        spdlog::info("the kept CLI process ended before its turn; starting a new one");
        lease.replaceWithNew();
        outcome = applyTurnSettings(lease.session(), settings, context.clientFd, limits, refused);
        if (outcome.ending == Ending::TurnComplete && !refused) {
            return true;
        }
    }
    recordOutcome(outcome, report);
    throwIfNoOneToAnswer(outcome);
    if (refused) {
        throw openai::ApiError(502, "server_error", "cli_failed",
                               "The claude CLI refused the effort or output limit of this "
                               "request.");
    }
    throw cli::mapFailure(std::nullopt, runEndingOf(outcome), lease.cliPath(), requestedModel,
                          unixNow());
}

}  // namespace

openai::Completion ChatService::run(const openai::ChatRequest& request,
                                    const toolcall::ToolCallHandler* handler,
                                    const RequestContext& context, StreamSink* sink,
                                    RunReport& report, streaming::AnswerRenderer* renderer) const {
    // Tools are active only with a handler (the endpoint picks one whenever tools are offered).
    static const openai::ToolRequest kNoTools;
    const auto& tools = handler != nullptr ? request.tools : kNoTools;
    const auto& generation = request.generation;
    const bool structured = generation.jsonSchema.has_value();
    const conversation::TurnSettings turnSettings{generation.effort, generation.maxTokens};
    FrameWriter writer(sink);
    streaming::StreamTranslator translator(
        {makeCompletionId(), unixNow(), request.requestedModel, request.includeUsage}, renderer);
    translator.setStopSequences(generation.stop);
    translator.setShowReasoning(config_.showReasoning);
    translator.setLengthLimited(generation.maxTokens.has_value());

    std::vector<openai::ChatMessage> messages = request.messages;
    openai::Usage usage;
    try {
        const auto rendered =
            handler != nullptr ? toolcall::renderToolHistory(messages, *handler) : messages;
        auto transcript = openai::buildTranscript(rendered);
        if (tools.active()) {
            const std::string instructions = handler->renderInstructions(tools);
            transcript.systemPrompt +=
                (transcript.systemPrompt.empty() ? "" : "\n\n") + instructions;
        }
        SessionLease lease(*this, request, rendered, transcript, handler, context, report);
        const std::string& cliPath = lease.cliPath();
        TurnInput input = lease.firstInput();
        bool reopened = false;
        int structuredRetries = 0;
        for (int attempt = 0;; ++attempt) {
            if (prepareTurn(config_, lease, turnSettings, context, request.requestedModel,
                            !reopened, report)) {
                input = lease.firstInput();
                reopened = true;
            }
            streaming::StreamTranslator::ContentGate gate;
            if (structured) {
                // The answer is the JSON the CLI validated, sent once the run is over.
                gate = [](std::string_view) { return std::size_t{0}; };
            } else if (sink != nullptr && tools.active()) {
                // One scan per attempt: a retry's reply is scanned from its first byte.
                std::shared_ptr<toolcall::ToolStreamScan> scan = handler->beginStream(tools);
                gate = [scan](std::string_view delta) { return scan->feed(delta); };
            }
            translator.beginAttempt(std::move(gate));
            cli::ProcessLimits limits;
            limits.totalTimeout = config_.requestTimeout;
            limits.killGrace = config_.killGrace;
            const auto outcome =
                runUserTurn(lease.session(), cli::userTurnLine(input.text, input.media), translator,
                            writer, context.clientFd, config_.keepAliveInterval, limits);
            const bool endedEarly = translator.endedEarly();
            if (endedEarly) {
                // At a stop sequence or the output limit the CLI would go on (and ask upstream
                // again): it is ended now.
                lease.discard();
            }
            recordOutcome(outcome, report);
            if (writer.clientGone()) {
                throw ClientGone();
            }
            throwIfNoOneToAnswer(outcome);
            const auto& result = translator.result();
            if (!endedEarly && lostBeforeAnswering(outcome, translator) && lease.reusedProcess() &&
                !reopened) {
                // A kept or spare process that ended (killed from outside, say) before it said
                // anything: once, a new process gets the whole conversation instead.
                spdlog::info("the kept CLI process ended before it answered; starting a new one");
                lease.replaceWithNew();
                input = lease.firstInput();
                reopened = true;
                --attempt;  // not a retry of the answer
                continue;
            }
            if (structured && !endedEarly && missedStructuredOutput(result)) {
                if (structuredRetries < kStructuredRetries) {
                    spdlog::info("structured output: the run ended without it ({}); asking again",
                                 result->subtype);
                    ++structuredRetries;
                    usage += turnUsage(translator);
                    input = {std::string(kStructuredNudge), {}};
                    continue;
                }
                throw openai::ApiError(502, "server_error", "structured_output_missing",
                                       "The model did not produce output matching the JSON "
                                       "schema after " +
                                           std::to_string(structuredRetries + 1) + " attempt(s).");
            }
            if (!endedEarly && !cli::isSuccess(result, runEndingOf(outcome)) &&
                !endedOnNativeCall(result, translator)) {
                throw cli::mapFailure(result, runEndingOf(outcome), cliPath, request.requestedModel,
                                      unixNow());
            }
            if (translator.interrupted()) {
                throw openai::ApiError(502, "server_error", "stream_interrupted",
                                       "The upstream stream broke off after part of the answer "
                                       "was sent; the answer is incomplete.");
            }
            usage += turnUsage(translator);

            // Every text delta of the run, all messages of it (the CLI continues by itself
            // after max_tokens unless the request set a limit); the result's text only when no
            // delta came. A structured answer is the CLI's validated JSON.
            std::string reply = translator.fullText();
            if (structured) {
                reply = *result->structuredOutput;
            } else if (reply.empty() && !endedEarly && result->resultText) {
                reply = *result->resultText;
            }
            auto parsed = tools.active() ? handler->parseReply(tools, reply)
                                         : toolcall::ParsedReply{reply, {}};
            if (!structured) {
                for (const auto& use : translator.nativeToolUses()) {
                    parsed.calls.push_back({use.name, use.inputJson});
                }
            }
            const auto accepted = tools.active() ? toolcall::acceptCalls(tools, parsed.calls,
                                                                         toolcall::makeToolCallId)
                                                 : toolcall::AcceptedCalls{};
            for (const auto& why : accepted.rejected) {
                spdlog::warn("tool call dropped: {}", why);
            }

            if (accepted.calls.empty() && tools.active()) {
                const bool lastWasResult = toolcall::endsWithToolResult(messages);
                const auto verdict = handler->checkRefusal(tools, reply, lastWasResult);
                const bool retry = verdict.isRefusal || demandsCall(tools);
                // Without a sink nothing reached a client yet; streamed text cannot be taken back.
                const bool nothingShown = sink == nullptr || translator.sentLength() == 0;
                const bool canRetry = attempt < config_.refusalRetries && nothingShown &&
                                      !endedEarly && !(lastWasResult && !demandsCall(tools));
                if (retry && canRetry) {
                    spdlog::info(
                        "tool call: no call in reply (attempt {}, {}); retrying with "
                        "a nudge",
                        attempt + 1, verdict.isRefusal ? "refusal" : "tool_choice demands a call");
                    ++report.refusalRetries;
                    // The process holds the reply already: the nudge is the next turn.
                    input = {verdict.nudge.empty() ? std::string(kDefaultNudge) : verdict.nudge,
                             {}};
                    messages.push_back({openai::Role::Assistant, reply, "", "", {}, {}});
                    messages.push_back({openai::Role::User, input.text, "", "", {}, {}});
                    continue;
                }
                if (retry) {
                    spdlog::info("tool call: no call in reply (attempt {}); not retried ({})",
                                 attempt + 1,
                                 nothingShown ? "retries used up" : "text already streamed");
                } else {
                    spdlog::info("tool call: plain answer (attempt {}) accepted: {}", attempt + 1,
                                 lastWasResult ? "it answers a tool result" : "not a refusal");
                }
                if (demandsCall(tools)) {
                    throw openai::ApiError(
                        502, "server_error", "tool_call_missing",
                        "tool_choice demanded a tool call, but the model answered without one "
                        "after " +
                            std::to_string(attempt + 1) + " attempt(s).");
                }
            }

            const std::string finish =
                finishReasonOf(translator, structured, !accepted.calls.empty());
            report.promptTokens = usage.promptTokens();
            report.completionTokens = usage.outputTokens;
            writer.write(translator.finishWithTools(parsed.content, accepted.calls, finish, usage));
            if (writer.clientGone()) {
                throw ClientGone();
            }

            // The conversation as the client will send it back continues from this reply.
            if (!endedEarly) {
                lease.keep({openai::Role::Assistant, parsed.content, "", "", accepted.calls, {}});
            }

            openai::Completion completion;
            completion.id = translator.identity().id;
            completion.created = translator.identity().created;
            completion.model = translator.identity().model;
            completion.content = parsed.content;
            if (config_.showReasoning) {
                completion.reasoning = translator.reasoning();
            }
            completion.toolCalls = accepted.calls;
            completion.finishReason = finish;
            completion.usage = usage;
            return completion;
        }
    } catch (const toolcall::HandlerError& error) {
        const auto failure = handlerFailure(error);
        if (!writer.committed()) {
            throw failure;
        }
        report.inBandError = failure.code();
        writer.write(translator.finishError(failure));
    } catch (const openai::ApiError& error) {
        if (!writer.committed()) {
            throw;
        }
        report.inBandError = error.code();
        writer.write(translator.finishError(error));
    }
    return {};
}

}  // namespace claude_proxy::service
