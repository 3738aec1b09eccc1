#pragma once

#include <optional>
#include <string>

#include "cli/cli_result.hpp"
#include "openai/api_error.hpp"

namespace claude_proxy::cli {

// How a CLI run ended, as seen from outside the process.
struct RunEnding {
    enum class Kind {
        Exited,          // exitCode valid
        Signaled,        // killed by a signal we did not send
        TimedOut,        // our wall-clock limit ended it
        SpawnFailed,     // exec failed: spawnErrno valid
        OutputTooLarge,  // we ended it: it printed more than the proxy keeps
    };
    Kind kind = Kind::Exited;
    int exitCode = 0;
    int signal = 0;
    int spawnErrno = 0;
};

// Turns a failed run into the error the client sees. Pure. Rules:
//  - SpawnFailed -> 503 "cli_unavailable", message naming `cliPath` and the errno text.
//  - TimedOut -> 504 "timeout".
//  - OutputTooLarge -> 502 "cli_output_too_large".
//  - result with isError:
//      api 401/403, authentication_error, or "Not logged in" text -> 401 "cli_not_logged_in",
//        message telling the user to run `claude` and log in;
//      api 429 / rate_limit_error, or usage-limit text -> 429 "rate_limit_exceeded"
//        (Retry-After from a "|<unix time>" suffix in the text, relative to `nowUnix`);
//      api 529 / overloaded_error -> 503 "overloaded";
//      api 404 / not_found_error -> 404 "model_not_found" naming `requestedModel`;
//      api 400 / invalid_request_error -> 400 "upstream_invalid_request" with the CLI's text;
//      413 -> 413 "request_too_large";
//      error_max_turns -> 502 "cli_max_turns";
//      anything else (500, connection refused, timeouts the CLI reports) -> 502 "upstream_error".
//  - no result at all (crash, signal, unparsable output) -> 502 "cli_failed"; the stderr tail
//    goes to the log by the caller, never into the message.
openai::ApiError mapFailure(const std::optional<CliResult>& result, const RunEnding& ending,
                            const std::string& cliPath, const std::string& requestedModel,
                            long long nowUnix);

// True when the run succeeded: exited 0 with a result whose isError is false.
bool isSuccess(const std::optional<CliResult>& result, const RunEnding& ending);

}  // namespace claude_proxy::cli
