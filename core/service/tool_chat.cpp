// Tool-calling requests: the handler plugin's protocol in, tool calls out, bounded retries
// after a false refusal. Streaming and non-streaming share one loop; without a sink the SSE
// frames simply go nowhere and the decision becomes a Completion.
#include <spdlog/spdlog.h>

#include "cli/cli_failure.hpp"
#include "service/chat_service.hpp"
#include "service/run_outcome.hpp"
#include "service/stream_attempt.hpp"
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

}  // namespace

openai::Completion ChatService::completeWithTools(const openai::ChatRequest& request,
                                                  const toolcall::ToolCallHandler& handler,
                                                  int clientFd, StreamSink* sink,
                                                  RunReport& report) const {
    const auto& tools = request.tools;
    FrameWriter writer(sink);
    streaming::StreamTranslator translator(
        {makeCompletionId(), unixNow(), request.requestedModel, request.includeUsage});

    std::vector<openai::ChatMessage> messages = request.messages;
    std::optional<cli::ConcurrencyLimiter::Slot> slot;
    openai::Usage usage;
    std::string cliPath;
    try {
        const std::string instructions = tools.active() ? handler.renderInstructions(tools) : "";
        for (int attempt = 0;; ++attempt) {
            auto run = prepare(request, cli::OutputMode::StreamJson,
                               toolcall::renderToolHistory(messages, handler), instructions,
                               std::move(slot), clientFd);
            cliPath = run.cliPath;
            streaming::StreamTranslator::ContentGate gate;
            if (sink != nullptr && tools.active()) {
                // One scan per attempt: a retry's reply is scanned from its first byte.
                std::shared_ptr<toolcall::ToolStreamScan> scan = handler.beginStream(tools);
                gate = [scan](std::string_view delta) { return scan->feed(delta); };
            }
            translator.beginAttempt(std::move(gate));
            const auto outcome =
                runStreamAttempt(run, translator, writer, clientFd, config_.keepAliveInterval);
            slot = std::move(run.slot);
            recordOutcome(outcome, report);
            if (writer.clientGone()) {
                throw ClientGone();
            }
            throwIfNoOneToAnswer(outcome);
            const auto& result = translator.result();
            if (!cli::isSuccess(result, runEndingOf(outcome)) &&
                !endedOnNativeCall(result, translator)) {
                throw cli::mapFailure(result, runEndingOf(outcome), cliPath, request.requestedModel,
                                      unixNow());
            }
            usage += usageOf(result->usage);

            const std::string& reply = translator.fullText();
            auto parsed = tools.active() ? handler.parseReply(tools, reply)
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
                const auto verdict = handler.checkRefusal(tools, reply, lastWasResult);
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
                    messages.push_back({openai::Role::Assistant, reply, "", "", {}});
                    messages.push_back(
                        {openai::Role::User,
                         verdict.nudge.empty() ? std::string(kDefaultNudge) : verdict.nudge,
                         "",
                         "",
                         {}});
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
                                           : (result->stopReason == "tool_use"
                                                  ? "stop"
                                                  : openai::finishReasonFor(result->stopReason));
            report.promptTokens = usage.promptTokens();
            report.completionTokens = usage.outputTokens;
            writer.write(translator.finishWithTools(parsed.content, accepted.calls, finish, usage));
            if (writer.clientGone()) {
                throw ClientGone();
            }

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
