#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/bounded_json.hpp"

namespace claude_proxy::cli {

// How the CLI's own JSON lines are parsed: an event wraps a model's tool input a few levels
// deep, so the depth limit leaves room for that on top of the usual one.
inline constexpr json::ParseOptions kCliJsonParse{json::kMaxDepth + 16, false};

struct CliUsage {
    std::int64_t inputTokens = 0;
    std::int64_t outputTokens = 0;
    std::int64_t cacheReadInputTokens = 0;
    std::int64_t cacheCreationInputTokens = 0;
    std::int64_t thinkingTokens = 0;  // output_tokens_details.thinking_tokens (part of output)
};

// The CLI's final `{"type":"result",…}` object, reduced to what the proxy uses.
struct CliResult {
    bool isError = false;
    std::string subtype;                    // "success" even for API errors: decide by isError
    std::optional<std::string> resultText;  // absent on error_max_* and error_during_execution
    std::string stopReason;                 // may be empty (null)
    std::string terminalReason;             // "completed", "api_error", "max_turns", …
    std::optional<int> apiErrorStatus;
    std::string apiErrorType;         // upstream error.type, e.g. "rate_limit_error"
    std::vector<std::string> errors;  // the `errors` array, when present
    // `structured_output` as compact JSON, when present (runs with a JSON schema; the key can
    // be missing even when the run "succeeded").
    std::optional<std::string> structuredOutput;
    CliUsage usage;
    // The model that answered: the modelUsage key with the most output tokens (ties: the first
    // in document order). Empty when modelUsage is absent or empty.
    std::string model;
};

// Finds the result object in the CLI's stdout for `--output-format json`: the last line that
// parses as a JSON object with "type":"result" (other lines are ignored; key order is not
// relied upon). Returns nullopt when there is none or it lacks a boolean `is_error`. Pure.
std::optional<CliResult> parseResultOutput(std::string_view stdoutText);

// Parses one JSON object known to be a result line (stream-json uses this per line).
std::optional<CliResult> parseResultObject(std::string_view jsonLine);

}  // namespace claude_proxy::cli
