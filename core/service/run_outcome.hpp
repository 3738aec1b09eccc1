#pragma once

#include "cli/cli_failure.hpp"
#include "cli/process_runner.hpp"
#include "openai/chat_completion.hpp"
#include "service/chat_service.hpp"

namespace claude_proxy::service {

// Small shared steps of turning a finished CLI run into an answer.

long long unixNow();

// The run's ending in the terms cli::mapFailure understands.
cli::RunEnding runEndingOf(const cli::ProcessOutcome& outcome);

// Copies exit code, duration and stderr tail into the access-log report.
void recordOutcome(const cli::ProcessOutcome& outcome, RunReport& report);

// Throws ClientGone when the client left, and 503 `server_shutting_down` when the server ended
// the run on its way down.
void throwIfNoOneToAnswer(const cli::ProcessOutcome& outcome);

openai::Usage usageOf(const cli::CliUsage& usage);

}  // namespace claude_proxy::service
