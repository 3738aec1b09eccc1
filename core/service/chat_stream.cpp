#include "cli/cli_failure.hpp"
#include "service/chat_service.hpp"
#include "service/run_outcome.hpp"
#include "service/stream_attempt.hpp"
#include "streaming/stream_translator.hpp"

namespace claude_proxy::service {

void ChatService::stream(const openai::ChatRequest& request, int clientFd, StreamSink& sink,
                         RunReport& report) const {
    auto run =
        prepare(request, cli::OutputMode::StreamJson, request.messages, "", std::nullopt, clientFd);

    streaming::StreamTranslator translator(
        {makeCompletionId(), unixNow(), request.requestedModel, request.includeUsage});
    FrameWriter writer(&sink);
    const auto outcome =
        runStreamAttempt(run, translator, writer, clientFd, config_.keepAliveInterval);
    recordOutcome(outcome, report);
    if (writer.clientGone()) {
        throw ClientGone();
    }

    const auto& result = translator.result();
    try {
        throwIfNoOneToAnswer(outcome);
        if (!cli::isSuccess(result, runEndingOf(outcome))) {
            throw cli::mapFailure(result, runEndingOf(outcome), run.cliPath, request.requestedModel,
                                  unixNow());
        }
        if (translator.interrupted()) {
            throw openai::ApiError(502, "server_error", "stream_interrupted",
                                   "The upstream stream broke off after part of the answer was "
                                   "sent; the answer is incomplete.");
        }
    } catch (const openai::ApiError& error) {
        if (!writer.committed()) {
            throw;
        }
        report.inBandError = error.code();
        writer.write(translator.finishError(error));
        return;
    }
    const auto usage = usageOf(result->usage);
    writer.write(translator.finishSuccess(*result, usage));
    report.promptTokens = usage.promptTokens();
    report.completionTokens = usage.outputTokens;
    if (writer.clientGone()) {
        throw ClientGone();
    }
}

}  // namespace claude_proxy::service
