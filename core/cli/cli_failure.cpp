#include "cli/cli_failure.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <system_error>

namespace claude_proxy::cli {

namespace {

using openai::ApiError;

// Upstream text copied into a client message is cut to this many bytes.
constexpr std::size_t kMaxQuotedText = 1000;

bool containsNoCase(std::string_view haystack, std::string_view needle) {
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                [](char a, char b) {
                                    return std::tolower(static_cast<unsigned char>(a)) ==
                                           std::tolower(static_cast<unsigned char>(b));
                                });
    return it != haystack.end();
}

// The CLI's own words about the failure: the result text, else the `errors` array.
std::string cliText(const CliResult& result) {
    if (result.resultText && !result.resultText->empty()) {
        return *result.resultText;
    }
    std::string joined;
    for (const auto& e : result.errors) {
        if (!joined.empty()) {
            joined += "; ";
        }
        joined += e;
    }
    return joined;
}

// Cuts `text` to a bounded size without splitting a UTF-8 sequence.
std::string quoted(std::string text) {
    if (text.size() <= kMaxQuotedText) {
        return text;
    }
    std::size_t cut = kMaxQuotedText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    text.resize(cut);
    text += "…";
    return text;
}

// A subscription usage limit reads like "Claude AI usage limit reached|1763830800": the part
// after the last '|' is the reset time in Unix seconds. Returns it when present.
std::optional<long long> resetTimeOf(std::string_view text) {
    const std::size_t bar = text.rfind('|');
    if (bar == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view digits = text.substr(bar + 1);
    while (!digits.empty() && std::isspace(static_cast<unsigned char>(digits.back())) != 0) {
        digits.remove_suffix(1);
    }
    if (digits.empty() || digits.size() > 12) {
        return std::nullopt;
    }
    long long value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// The text without a trailing "|<digits>" reset marker.
std::string withoutResetMarker(const std::string& text) {
    if (resetTimeOf(text)) {
        return text.substr(0, text.rfind('|'));
    }
    return text;
}

bool looksNotLoggedIn(std::string_view text) {
    return containsNoCase(text, "not logged in") || containsNoCase(text, "please run /login") ||
           containsNoCase(text, "invalid api key");
}

bool looksLikeUsageLimit(std::string_view text) {
    return containsNoCase(text, "usage limit") || containsNoCase(text, "limit reached");
}

ApiError notLoggedIn(const std::string& text) {
    std::string message =
        "The claude CLI used by this proxy is not logged in. Run `claude` once in a terminal on "
        "the proxy's machine, as the user the proxy runs as, and log in (or set "
        "ANTHROPIC_API_KEY for the proxy).";
    if (!text.empty() && !looksNotLoggedIn(text)) {
        message += " Upstream said: " + quoted(text);
    }
    return ApiError(401, "authentication_error", "cli_not_logged_in", message);
}

ApiError rateLimited(const std::string& text, long long nowUnix) {
    const std::optional<long long> reset = resetTimeOf(text);
    const std::string shown = quoted(withoutResetMarker(text));
    std::string message = "Rate limit or usage limit reached upstream";
    message += shown.empty() ? "." : ": " + shown;
    ApiError error(429, "rate_limit_error", "rate_limit_exceeded", message);
    if (reset) {
        const long long wait = std::clamp<long long>(*reset - nowUnix, 1, 7LL * 24 * 3600);
        error.withRetryAfter(static_cast<int>(wait));
    }
    return error;
}

ApiError fromErrorResult(const CliResult& result, const std::string& requestedModel,
                         long long nowUnix) {
    const std::string text = cliText(result);
    const int status = result.apiErrorStatus.value_or(0);
    const std::string& type = result.apiErrorType;

    if (result.subtype == "error_max_turns" || result.terminalReason == "max_turns") {
        return ApiError(502, "server_error", "cli_max_turns",
                        "The model kept calling tools and the claude CLI stopped at its turn "
                        "limit before producing an answer.");
    }
    if (status == 401 || status == 403 || type == "authentication_error" ||
        type == "permission_error" || (status == 0 && looksNotLoggedIn(text))) {
        return notLoggedIn(text);
    }
    if (status == 429 || type == "rate_limit_error" || (status == 0 && looksLikeUsageLimit(text))) {
        return rateLimited(text, nowUnix);
    }
    if (status == 529 || type == "overloaded_error") {
        return ApiError(503, "server_error", "overloaded",
                        "The Claude API is overloaded right now; try again in a moment.");
    }
    if (status == 404 || type == "not_found_error") {
        return ApiError(
            404, "invalid_request_error", "model_not_found",
            "The model `" + requestedModel + "` does not exist or you do not have access to it.");
    }
    if (status == 413 || type == "request_too_large") {
        return ApiError(413, "invalid_request_error", "request_too_large",
                        "The request is too large for the Claude API" +
                            (text.empty() ? std::string(".") : ": " + quoted(text)));
    }
    if (status == 400 || type == "invalid_request_error") {
        return ApiError(400, "invalid_request_error", "upstream_invalid_request",
                        "The Claude API rejected the request" +
                            (text.empty() ? std::string(".") : ": " + quoted(text)));
    }
    return ApiError(
        502, "server_error", "upstream_error",
        "The Claude API request failed" + (text.empty() ? std::string(".") : ": " + quoted(text)));
}

}  // namespace

openai::ApiError mapFailure(const std::optional<CliResult>& result, const RunEnding& ending,
                            const std::string& cliPath, const std::string& requestedModel,
                            long long nowUnix) {
    switch (ending.kind) {
        case RunEnding::Kind::SpawnFailed:
            return ApiError(503, "server_error", "cli_unavailable",
                            "The claude CLI at `" + cliPath + "` could not be started: " +
                                std::system_category().message(ending.spawnErrno) + ".");
        case RunEnding::Kind::TimedOut:
            return ApiError(504, "server_error", "timeout",
                            "The claude CLI did not finish within the proxy's time limit.");
        case RunEnding::Kind::OutputTooLarge:
            return ApiError(502, "server_error", "cli_output_too_large",
                            "The claude CLI printed more output than the proxy accepts for one "
                            "answer; the run was ended.");
        case RunEnding::Kind::Exited:
        case RunEnding::Kind::Signaled:
            break;
    }

    if (result && result->isError) {
        return fromErrorResult(*result, requestedModel, nowUnix);
    }

    std::string message;
    if (ending.kind == RunEnding::Kind::Signaled) {
        message = "The claude CLI was killed by signal " + std::to_string(ending.signal) + ".";
    } else if (ending.exitCode != 0) {
        message = "The claude CLI exited with status " + std::to_string(ending.exitCode) +
                  (result ? "." : " without a result.");
    } else {
        message = "The claude CLI ended without a usable result.";
    }
    return ApiError(502, "server_error", "cli_failed", message);
}

bool isSuccess(const std::optional<CliResult>& result, const RunEnding& ending) {
    return ending.kind == RunEnding::Kind::Exited && ending.exitCode == 0 && result.has_value() &&
           !result->isError;
}

}  // namespace claude_proxy::cli
