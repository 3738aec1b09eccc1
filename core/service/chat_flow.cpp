// One chat completion through the CLI, streamed or not, with or without tools: every request
// takes this one path. With a tool-call handler, its protocol goes in, tool calls come out, and
// a false refusal gets bounded retries. Without a sink the SSE frames simply go nowhere and
// the answer becomes a Completion.
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

constexpr std::string_view kDefaultNudge =
    "You did not call a tool. The tools listed in the system prompt are available to you: "
    "call the appropriate one now, in the format the system prompt describes.";

openai::Usage& operator+=(openai::Usage& total, const openai::Usage& more) {
    total.inputTokens += more.inputTokens;
    total.outputTokens += more.outputTokens;
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

}  // namespace

openai::Completion ChatService::run(const openai::ChatRequest& request,
                                    const toolcall::ToolCallHandler* handler,
                                    const RequestContext& context, StreamSink* sink,
                                    RunReport& report, streaming::AnswerRenderer* renderer) const {
    // Tools are active only with a handler (the endpoint picks one whenever tools are offered).
    if (request.generation.jsonSchema) {
        // Parsed and checked, but the run does not act on it yet: refuse rather than ignore.
        throw openai::ApiError(400, "invalid_request_error", "unsupported_parameter",
                               "response_format json_object/json_schema is not supported yet.",
                               "response_format");
    }
    static const openai::ToolRequest kNoTools;
    const auto& tools = handler != nullptr ? request.tools : kNoTools;
    FrameWriter writer(sink);
    streaming::StreamTranslator translator(
        {makeCompletionId(), unixNow(), request.requestedModel, request.includeUsage}, renderer);

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
        std::string input = lease.firstInput();
        bool reopened = false;
        for (int attempt = 0;; ++attempt) {
            streaming::StreamTranslator::ContentGate gate;
            if (sink != nullptr && tools.active()) {
                // One scan per attempt: a retry's reply is scanned from its first byte.
                std::shared_ptr<toolcall::ToolStreamScan> scan = handler->beginStream(tools);
                gate = [scan](std::string_view delta) { return scan->feed(delta); };
            }
            translator.beginAttempt(std::move(gate));
            cli::ProcessLimits limits;
            limits.totalTimeout = config_.requestTimeout;
            limits.killGrace = config_.killGrace;
            const auto outcome =
                runUserTurn(lease.session(), cli::userTurnLine(input), translator, writer,
                            context.clientFd, config_.keepAliveInterval, limits);
            recordOutcome(outcome, report);
            if (writer.clientGone()) {
                throw ClientGone();
            }
            throwIfNoOneToAnswer(outcome);
            const auto& result = translator.result();
            if (lostBeforeAnswering(outcome, translator) && lease.reusedProcess() && !reopened) {
                // A kept or spare process that ended (killed from outside, say) before it said
                // anything: once, a new process gets the whole conversation instead.
                spdlog::info("the kept CLI process ended before it answered; starting a new one");
                lease.replaceWithNew();
                input = lease.firstInput();
                reopened = true;
                --attempt;  // not a retry of the answer
                continue;
            }
            if (!cli::isSuccess(result, runEndingOf(outcome)) &&
                !endedOnNativeCall(result, translator)) {
                throw cli::mapFailure(result, runEndingOf(outcome), cliPath, request.requestedModel,
                                      unixNow());
            }
            if (translator.interrupted()) {
                throw openai::ApiError(502, "server_error", "stream_interrupted",
                                       "The upstream stream broke off after part of the answer "
                                       "was sent; the answer is incomplete.");
            }
            usage += usageOf(result->usage);

            // Every text delta of the run, all messages of it (the CLI continues by itself
            // after max_tokens); the result's text only when no delta came.
            const std::string reply = translator.fullText().empty() && result->resultText
                                          ? *result->resultText
                                          : translator.fullText();
            auto parsed = tools.active() ? handler->parseReply(tools, reply)
                                         : toolcall::ParsedReply{reply, {}};
            for (const auto& use : translator.nativeToolUses()) {
                parsed.calls.push_back({use.name, use.inputJson});
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
                                      !(lastWasResult && !demandsCall(tools));
                if (retry && canRetry) {
                    spdlog::info(
                        "tool call: no call in reply (attempt {}, {}); retrying with "
                        "a nudge",
                        attempt + 1, verdict.isRefusal ? "refusal" : "tool_choice demands a call");
                    ++report.refusalRetries;
                    // The process holds the reply already: the nudge is the next turn.
                    input = verdict.nudge.empty() ? std::string(kDefaultNudge) : verdict.nudge;
                    messages.push_back({openai::Role::Assistant, reply, "", "", {}, {}});
                    messages.push_back({openai::Role::User, input, "", "", {}, {}});
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

            const std::string finish = !accepted.calls.empty()
                                           ? "tool_calls"
                                           : openai::finishReasonFor(result->stopReason);
            report.promptTokens = usage.promptTokens();
            report.completionTokens = usage.outputTokens;
            writer.write(translator.finishWithTools(parsed.content, accepted.calls, finish, usage));
            if (writer.clientGone()) {
                throw ClientGone();
            }

            // The conversation as the client will send it back continues from this reply.
            lease.keep({openai::Role::Assistant, parsed.content, "", "", accepted.calls, {}});

            openai::Completion completion;
            completion.id = translator.identity().id;
            completion.created = translator.identity().created;
            completion.model = translator.identity().model;
            completion.content = parsed.content;
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
