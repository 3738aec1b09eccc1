#include "cli/cli_failure.hpp"

#include <doctest/doctest.h>

#include <csignal>

#include <cerrno>
#include <string>

using claude_proxy::cli::CliResult;
using claude_proxy::cli::isSuccess;
using claude_proxy::cli::mapFailure;
using claude_proxy::cli::RunEnding;
using claude_proxy::openai::ApiError;

namespace {

constexpr long long kNow = 1763827200;  // a fixed "now" in Unix seconds

RunEnding exited(int code) {
    RunEnding e;
    e.kind = RunEnding::Kind::Exited;
    e.exitCode = code;
    return e;
}

CliResult errorResult(std::optional<int> status, std::string type, std::string text) {
    CliResult r;
    r.isError = true;
    r.subtype = "success";
    r.terminalReason = "api_error";
    r.apiErrorStatus = status;
    r.apiErrorType = std::move(type);
    r.resultText = std::move(text);
    return r;
}

ApiError map(const CliResult& r) {
    return mapFailure(r, exited(1), "/usr/local/bin/claude", "claude-garbage", kNow);
}

void checkShape(const ApiError& e, int status, const std::string& type, const std::string& code) {
    CHECK(e.httpStatus() == status);
    CHECK(e.type() == type);
    CHECK(e.code() == code);
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("mapFailure: spawn failure names the path and the errno text") {
    RunEnding e;
    e.kind = RunEnding::Kind::SpawnFailed;
    e.spawnErrno = ENOENT;
    const auto err = mapFailure(std::nullopt, e, "/opt/claude/bin/claude", "m", kNow);
    checkShape(err, 503, "server_error", "cli_unavailable");
    CHECK(has(err.what(), "/opt/claude/bin/claude"));
    CHECK(has(err.what(), "No such file or directory"));
}

TEST_CASE("mapFailure: timeout") {
    RunEnding e;
    e.kind = RunEnding::Kind::TimedOut;
    checkShape(mapFailure(std::nullopt, e, "/c", "m", kNow), 504, "server_error", "timeout");
}

TEST_CASE("mapFailure: too much output says so, not which signal ended it") {
    RunEnding e;
    e.kind = RunEnding::Kind::OutputTooLarge;
    e.signal = SIGTERM;
    const auto error = mapFailure(std::nullopt, e, "/bin/claude", "sonnet", 0);
    CHECK(error.httpStatus() == 502);
    CHECK(error.code() == "cli_output_too_large");
    CHECK(std::string(error.what()).find("signal") == std::string::npos);
    CHECK(std::string(error.what()).find("output") != std::string::npos);
}

TEST_CASE("mapFailure: not logged in / 401 / 403") {
    const auto notLogged = map(errorResult(std::nullopt, "", "Not logged in · Please run /login"));
    checkShape(notLogged, 401, "authentication_error", "cli_not_logged_in");
    CHECK(has(notLogged.what(), "`claude`"));
    CHECK(has(notLogged.what(), "log in"));
    CHECK(has(notLogged.what(), "ANTHROPIC_API_KEY"));

    checkShape(
        map(errorResult(401, "authentication_error",
                        "Failed to authenticate. API Error: 401 mock authentication_error (401)")),
        401, "authentication_error", "cli_not_logged_in");
    checkShape(map(errorResult(403, "permission_error", "Failed to authenticate. API Error: 403")),
               401, "authentication_error", "cli_not_logged_in");
}

TEST_CASE("mapFailure: rate limits and subscription usage limits") {
    const auto plain =
        map(errorResult(429, "rate_limit_error",
                        "API Error: Request rejected (429) · mock rate_limit_error (429)"));
    checkShape(plain, 429, "rate_limit_error", "rate_limit_exceeded");
    CHECK_FALSE(plain.retryAfterSeconds().has_value());

    const auto usage =
        map(errorResult(std::nullopt, "", "Claude AI usage limit reached|1763830800"));
    checkShape(usage, 429, "rate_limit_error", "rate_limit_exceeded");
    REQUIRE(usage.retryAfterSeconds().has_value());
    CHECK(*usage.retryAfterSeconds() == 3600);
    CHECK_FALSE(has(usage.what(), "|1763830800"));

    // A reset time already past still asks for at least one second.
    const auto past =
        map(errorResult(429, "rate_limit_error", "Claude AI usage limit reached|1000"));
    REQUIRE(past.retryAfterSeconds().has_value());
    CHECK(*past.retryAfterSeconds() == 1);

    checkShape(map(errorResult(std::nullopt, "", "5-hour limit reached ∙ resets 3pm")), 429,
               "rate_limit_error", "rate_limit_exceeded");
}

TEST_CASE("mapFailure: overloaded, model not found, invalid request, too large") {
    checkShape(
        map(errorResult(529, "overloaded_error", "API Error: 529 mock overloaded_error (529).")),
        503, "server_error", "overloaded");

    const auto notFound = map(errorResult(
        404, "not_found_error", "There's an issue with the selected model (claude-garbage)."));
    checkShape(notFound, 404, "invalid_request_error", "model_not_found");
    CHECK(std::string(notFound.what()) ==
          "The model `claude-garbage` does not exist or you do not have access to it.");

    const auto invalid = map(errorResult(400, "invalid_request_error",
                                         "API Error: 400 mock invalid_request_error (400)"));
    checkShape(invalid, 400, "invalid_request_error", "upstream_invalid_request");
    CHECK(has(invalid.what(), "API Error: 400 mock invalid_request_error (400)"));

    auto tooLarge = errorResult(413, "request_too_large", "Request too large (max 32MB).");
    tooLarge.terminalReason = "image_error";
    checkShape(map(tooLarge), 413, "invalid_request_error", "request_too_large");
}

TEST_CASE("mapFailure: max turns and other upstream errors") {
    CliResult maxTurns;
    maxTurns.isError = true;
    maxTurns.subtype = "error_max_turns";
    maxTurns.terminalReason = "max_turns";
    maxTurns.errors = {"Reached maximum number of turns (1)"};
    checkShape(map(maxTurns), 502, "server_error", "cli_max_turns");

    const auto refused = map(errorResult(
        std::nullopt, "",
        "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)"));
    checkShape(refused, 502, "server_error", "upstream_error");
    CHECK(has(refused.what(), "ECONNREFUSED"));

    checkShape(map(errorResult(500, "api_error", "API Error: 500 mock api_error (500).")), 502,
               "server_error", "upstream_error");
    checkShape(map(errorResult(std::nullopt, "", "Request timed out.")), 502, "server_error",
               "upstream_error");

    // Very long upstream text is cut.
    const auto longText = map(errorResult(500, "api_error", std::string(5000, 'x')));
    CHECK(std::string(longText.what()).size() < 1200);
}

TEST_CASE("mapFailure: no result at all is cli_failed without stderr") {
    checkShape(mapFailure(std::nullopt, exited(1), "/c", "m", kNow), 502, "server_error",
               "cli_failed");
    RunEnding sig;
    sig.kind = RunEnding::Kind::Signaled;
    sig.signal = 9;
    const auto killed = mapFailure(std::nullopt, sig, "/c", "m", kNow);
    checkShape(killed, 502, "server_error", "cli_failed");
    CHECK(has(killed.what(), "9"));
    checkShape(mapFailure(std::nullopt, exited(0), "/c", "m", kNow), 502, "server_error",
               "cli_failed");

    // A clean result with a non-zero exit is still a CLI failure.
    CliResult ok;
    ok.isError = false;
    ok.resultText = "hi";
    checkShape(mapFailure(ok, exited(143), "/c", "m", kNow), 502, "server_error", "cli_failed");
}

TEST_CASE("isSuccess") {
    CliResult ok;
    ok.isError = false;
    CliResult bad;
    bad.isError = true;
    CHECK(isSuccess(ok, exited(0)));
    CHECK_FALSE(isSuccess(ok, exited(1)));
    CHECK_FALSE(isSuccess(bad, exited(0)));
    CHECK_FALSE(isSuccess(std::nullopt, exited(0)));
    RunEnding timedOut;
    timedOut.kind = RunEnding::Kind::TimedOut;
    CHECK_FALSE(isSuccess(ok, timedOut));
}
