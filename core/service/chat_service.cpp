#include "service/chat_service.hpp"

#include <poll.h>

#include <functional>
#include <memory>

#include "cli/cli_failure.hpp"
#include "cli/cli_locator.hpp"
#include "cli/cli_result.hpp"
#include "cli/process_runner.hpp"
#include "openai/random_id.hpp"
#include "openai/transcript.hpp"
#include "service/login_status.hpp"
#include "service/run_directory.hpp"
#include "service/run_outcome.hpp"

namespace claude_proxy::service {
namespace {

constexpr int kQueueFullRetryAfterSeconds = 1;

// True once the client at `fd` has closed its side (or the connection broke): the same test
// the process runner applies while the CLI runs.
bool peerHungUp(int fd) {
    pollfd watched{fd, POLLRDHUP, 0};
    return ::poll(&watched, 1, 0) > 0 &&
           (watched.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

}  // namespace

ChatService::ChatService(ChatServiceConfig config, cli::ConcurrencyLimiter& limiter)
    : config_(std::move(config)), limiter_(limiter) {}

std::optional<std::string> ChatService::cliPath() const {
    if (!config_.resolvedCliPath.empty()) {
        return config_.resolvedCliPath;
    }
    const auto path = config_.parentEnvironment.find("PATH");
    return cli::locateExecutable(config_.claudeBin,
                                 path == config_.parentEnvironment.end() ? "" : path->second);
}

std::optional<bool> ChatService::probeLogin() const {
    const auto cli = cliPath();
    if (!cli) {
        return std::nullopt;
    }
    const RunDirectory directory(config_.runParent);
    cli::ProcessSpec spec;
    spec.argv = {*cli, "auth", "status"};
    spec.environment =
        cli::buildEnvironment(config_.parentEnvironment, config_.patience, directory.tmpPath());
    spec.workingDirectory = directory.workPath();
    cli::ProcessLimits limits;
    limits.totalTimeout = std::chrono::seconds(10);
    limits.killGrace = config_.killGrace;
    const auto outcome = cli::runProcess(spec, limits);
    if (outcome.ending != cli::ProcessOutcome::Ending::Exited) {
        return std::nullopt;
    }
    return parseAuthStatus(outcome.stdoutData);
}

ChatService::PreparedRun ChatService::prepare(const openai::ChatRequest& request,
                                              cli::OutputMode mode,
                                              const std::vector<openai::ChatMessage>& messages,
                                              const std::string& toolInstructions,
                                              std::optional<cli::ConcurrencyLimiter::Slot> slot,
                                              int clientFd) const {
    cli::ConcurrencyLimiter::Refusal refusal = cli::ConcurrencyLimiter::Refusal::None;
    if (!slot) {
        std::function<bool()> abandoned;
        if (clientFd >= 0) {
            abandoned = [clientFd] { return peerHungUp(clientFd); };
        }
        slot = limiter_.acquire(config_.queueTimeout, &refusal, abandoned);
    }
    if (refusing_.load() || refusal == cli::ConcurrencyLimiter::Refusal::Closed) {
        throw openai::ApiError(503, "server_error", "server_shutting_down",
                               "The proxy is shutting down and takes no new requests.");
    }
    if (refusal == cli::ConcurrencyLimiter::Refusal::Abandoned) {
        throw ClientGone();
    }
    if (!slot) {
        const std::string capacity = std::to_string(limiter_.capacity());
        throw openai::ApiError(
            429, "rate_limit_error", "concurrency_limit_reached",
            refusal == cli::ConcurrencyLimiter::Refusal::QueueFull
                ? "All " + capacity + " CLI slots are busy and " +
                      std::to_string(limiter_.queueCapacity()) +
                      " requests are already waiting for one; retry shortly."
                : "All " + capacity +
                      " CLI slots stayed busy while this request waited; retry shortly.")
            .withRetryAfter(kQueueFullRetryAfterSeconds);
    }

    const auto cli = cliPath();
    if (!cli) {
        cli::RunEnding missing;
        missing.kind = cli::RunEnding::Kind::SpawnFailed;
        missing.spawnErrno = ENOENT;
        throw cli::mapFailure(std::nullopt, missing, config_.claudeBin, request.requestedModel,
                              unixNow());
    }
    PreparedRun run{std::move(slot), *cli, nullptr, {}, {}};

    auto transcript = openai::buildTranscript(messages);
    if (!toolInstructions.empty()) {
        transcript.systemPrompt +=
            (transcript.systemPrompt.empty() ? "" : "\n\n") + toolInstructions;
    }
    run.directory = std::make_unique<RunDirectory>(config_.runParent);

    cli::InvocationOptions invocation;
    invocation.cliPath = run.cliPath;
    invocation.model = request.cliModel;
    invocation.systemPromptFile =
        run.directory->writeFile("system-prompt.txt", transcript.systemPrompt);
    invocation.systemPromptMode = config_.systemPromptMode;
    invocation.outputMode = mode;

    auto patience = config_.patience;
    // A streamed answer cannot be taken back: the CLI must not silently retry a broken stream
    // as a second, non-streamed answer (../shared/claude-cli.md §2). The error goes in-band.
    patience.disableNonStreamingFallback = mode == cli::OutputMode::StreamJson;

    run.spec.argv = cli::buildArgv(invocation);
    run.spec.environment =
        cli::buildEnvironment(config_.parentEnvironment, patience, run.directory->tmpPath());
    run.spec.workingDirectory = run.directory->workPath();
    run.spec.stdinData = transcript.prompt;

    run.limits.totalTimeout = config_.requestTimeout;
    run.limits.killGrace = config_.killGrace;
    return run;
}

openai::Completion ChatService::complete(const openai::ChatRequest& request, int clientFd,
                                         RunReport& report) const {
    const auto run =
        prepare(request, cli::OutputMode::Json, request.messages, "", std::nullopt, clientFd);

    cli::ProcessObserver observer;
    observer.watchFd = clientFd;
    const auto outcome = cli::runProcess(run.spec, run.limits, observer);
    recordOutcome(outcome, report);
    throwIfNoOneToAnswer(outcome);

    const auto result = cli::parseResultOutput(outcome.stdoutData);
    const auto ending = runEndingOf(outcome);
    if (!cli::isSuccess(result, ending)) {
        throw cli::mapFailure(result, ending, run.cliPath, request.requestedModel, unixNow());
    }

    openai::Completion completion;
    completion.id = makeCompletionId();
    completion.created = unixNow();
    completion.model = result->model.empty() ? request.requestedModel : result->model;
    completion.content = result->resultText.value_or("");
    completion.finishReason = openai::finishReasonFor(result->stopReason);
    completion.usage = usageOf(result->usage);
    return completion;
}

std::string makeCompletionId() {
    return openai::randomId("chatcmpl-");
}

}  // namespace claude_proxy::service
