// Upstream and CLI failures become the right OpenAI errors (the CLI runs with no retries).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::stringAt;

namespace {

struct Expected {
    int mockStatus;
    int status;
    std::string type;
    std::string code;
};

}  // namespace

TEST_CASE("upstream HTTP errors map to OpenAI errors, never to assistant text") {
    Harness h;
    const std::vector<Expected> cases = {
        {401, 401, "authentication_error", "cli_not_logged_in"},
        {429, 429, "rate_limit_error", "rate_limit_exceeded"},
        {529, 503, "server_error", "overloaded"},
        {500, 502, "server_error", "upstream_error"},
        {400, 400, "invalid_request_error", "upstream_invalid_request"},
    };
    for (const auto& expected : cases) {
        CAPTURE(expected.mockStatus);
        const auto response =
            h.chat(userBody("MOCK:status=" + std::to_string(expected.mockStatus)));
        INFO("body: " << response.body);
        CHECK(response.status == expected.status);
        const auto body = parseJson(response.body);
        CHECK(stringAt(body, "/error/type") == expected.type);
        CHECK(stringAt(body, "/error/code") == expected.code);
        CHECK_FALSE(body.HasMember("choices"));
    }
}

TEST_CASE("not logged in tells the user how to log in") {
    Harness h;
    const auto response = h.chat(userBody("MOCK:status=401"));
    CHECK(response.status == 401);
    CHECK(stringAt(parseJson(response.body), "/error/message").find("log in") != std::string::npos);
}

TEST_CASE("a missing CLI is 503 naming the path, and the server keeps serving") {
    test_support::ProxyOptions options;
    options.extraEnv = {{"CLAUDE_PROXY_CLAUDE_BIN", "/nonexistent/bin/claude"}};
    Harness h(options);
    const auto health = parseJson(test_support::get(h.proxy.port(), "/health").body);
    CHECK(stringAt(health, "/status") == "cli_missing");
    const auto response = h.chat(userBody("hi"));
    CHECK(response.status == 503);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/error/code") == "cli_unavailable");
    CHECK(stringAt(body, "/error/message").find("/nonexistent/bin/claude") != std::string::npos);
    CHECK(h.mock.requests().empty());
}

TEST_CASE("a CLI path that is not executable is 503 too") {
    test_support::ProxyOptions options;
    options.extraEnv = {{"CLAUDE_PROXY_CLAUDE_BIN", "/etc/hostname"}};
    Harness h(options);
    const auto response = h.chat(userBody("hi"));
    CHECK(response.status == 503);
    CHECK(stringAt(parseJson(response.body), "/error/code") == "cli_unavailable");
}

TEST_CASE("a hanging upstream ends at the request timeout with 504 and no CLI left") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--request-timeout-ms=2500", "--kill-grace-ms=500"};
    Harness h(options);
    const auto response = h.chat(userBody("MOCK:hang"));
    CHECK(response.status == 504);
    CHECK(stringAt(parseJson(response.body), "/error/code") == "timeout");
    CHECK(h.cliProcesses() == 0);
    // The CLI's upstream connection was closed when it was ended.
    CHECK(h.mock.waitForRequests(
        [](const auto& requests) { return !requests.empty() && requests[0].clientClosedEarly; }));
}

TEST_CASE("the CLI's own timeout is bounded by the configured patience") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--cli-api-timeout-ms=2000"};
    Harness h(options);
    const auto response = h.chat(userBody("MOCK:hang"));
    // The CLI gives up by itself (no retries in tests) and reports a timeout: a 5xx error.
    INFO("body: " << response.body);
    CHECK(response.status >= 500);
    CHECK(parseJson(response.body).HasMember("error"));
}
