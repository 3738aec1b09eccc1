#include "service/run_outcome.hpp"

#include <chrono>

namespace claude_proxy::service {

long long unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

cli::RunEnding runEndingOf(const cli::ProcessOutcome& outcome) {
    using Ending = cli::ProcessOutcome::Ending;
    cli::RunEnding ending;
    switch (outcome.ending) {
        case Ending::Exited:
            ending.kind = cli::RunEnding::Kind::Exited;
            ending.exitCode = outcome.exitCode;
            break;
        case Ending::TurnComplete:
            // A live process answered its turn and runs on: as good as a clean exit.
            ending.kind = cli::RunEnding::Kind::Exited;
            ending.exitCode = 0;
            break;
        case Ending::TimedOut:
            ending.kind = cli::RunEnding::Kind::TimedOut;
            break;
        case Ending::SpawnFailed:
            ending.kind = cli::RunEnding::Kind::SpawnFailed;
            ending.spawnErrno = outcome.spawnErrno;
            break;
        case Ending::OutputTooLarge:
            ending.kind = cli::RunEnding::Kind::OutputTooLarge;
            break;
        case Ending::Signaled:
        case Ending::Cancelled:
        case Ending::ClientGone:
            ending.kind = cli::RunEnding::Kind::Signaled;
            ending.signal = outcome.signal;
            break;
    }
    return ending;
}

void recordOutcome(const cli::ProcessOutcome& outcome, RunReport& report) {
    report.cliDuration = outcome.duration;
    report.stderrTail = outcome.stderrTail;
    if (outcome.ending == cli::ProcessOutcome::Ending::Exited) {
        report.cliExitCode = outcome.exitCode;
    }
}

void throwIfNoOneToAnswer(const cli::ProcessOutcome& outcome) {
    if (outcome.ending == cli::ProcessOutcome::Ending::ClientGone) {
        throw ClientGone();
    }
    if (outcome.ending == cli::ProcessOutcome::Ending::Cancelled) {
        throw openai::ApiError(503, "server_error", "server_shutting_down",
                               "The proxy is shutting down; the request was not completed.");
    }
}

openai::Usage usageOf(const cli::CliUsage& usage) {
    openai::Usage out;
    out.inputTokens = usage.inputTokens;
    out.outputTokens = usage.outputTokens;
    out.cacheReadTokens = usage.cacheReadInputTokens;
    out.cacheCreationTokens = usage.cacheCreationInputTokens;
    return out;
}

}  // namespace claude_proxy::service
