// Running it for real: readiness, Prometheus metrics, --check, graceful shutdown.
#include <doctest/doctest.h>
#include <signal.h>

#include "harness.hpp"
#include "support/child_process.hpp"
#include "support/process_census.hpp"
#include "support/scratch_dir.hpp"
#include "support/sse_events.hpp"
#include "support/test_environment.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::StreamingRequest;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(20);

// The value of one sample line ("name{labels} value") in a metrics text, or -1.
double sample(const std::string& text, const std::string& series) {
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) {
        return -1;
    }
    return std::stod(text.substr(at + series.size() + 2));
}

// Runs claude-proxy with `args` to completion (for --check and start-up failures).
test_support::ChildResult runProxy(const std::vector<std::string>& args,
                                   const test_support::EnvList& extraEnv) {
    test_support::ScratchDir home("claude-proxy-check");
    test_support::ChildSpec spec;
    spec.argv = {test_support::proxyBinaryPath()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.environment = test_support::buildEnvironment(
        {{"PATH", test_support::getEnv("PATH", "/usr/bin:/bin")},
         {"HOME", home.path()},
         {"TMPDIR", home.path()},
         {"CLAUDE_PROXY_CLAUDE_BIN", test_support::requireClaudeCli()}},
        extraEnv);
    return test_support::runToCompletion(spec, std::chrono::seconds(60));
}

}  // namespace

TEST_CASE("/ready is 200 when the CLI is found and logged in, and open without a key") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--api-keys=sk-test-key"};
    Harness h(options);
    const auto response = get(h.proxy.port(), "/ready");
    INFO("body: " << response.body);
    CHECK(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/status") == "ready");
    CHECK(body["checks"]["logged_in"].GetBool());
    CHECK(body["checks"]["cli_found"].GetBool());
}

TEST_CASE("/ready is 503 with a reason when the CLI is not logged in") {
    test_support::ProxyOptions options;
    options.extraEnv = {{"ANTHROPIC_API_KEY", ""}};
    Harness h(options);
    const auto response = get(h.proxy.port(), "/ready");
    CHECK(response.status == 503);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/status") == "not_ready");
    CHECK(stringAt(body, "/reason").find("not logged in") != std::string::npos);
    // Liveness is a different question.
    CHECK(get(h.proxy.port(), "/health").status == 200);
}

TEST_CASE("/ready is 503 when the CLI is missing") {
    test_support::ProxyOptions options;
    options.extraEnv = {{"CLAUDE_PROXY_CLAUDE_BIN", "/nonexistent/claude"}};
    Harness h(options);
    const auto response = get(h.proxy.port(), "/ready");
    CHECK(response.status == 503);
    CHECK(stringAt(parseJson(response.body), "/reason").find("not found") != std::string::npos);
}

TEST_CASE("/metrics is valid Prometheus text that counts requests, tokens and rejections") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--queue-timeout-ms=200"};
    Harness h(options);
    REQUIRE(h.chat(userBody("hi")).status == 200);
    REQUIRE(h.chat(userBody("hi", R"("stream":true)")).status == 200);
    REQUIRE(h.chat(R"({"messages":"x"})").status == 400);
    // Any claude-... id is accepted: labelled "other", not by the id (series stay bounded).
    REQUIRE(h.chat(chatBody({{"user", "hi"}}, "claude-made-up-9")).status == 200);

    // A request is counted once its answer has gone out: wait for the last one.
    HttpResponse response;
    REQUIRE(test_support::waitUntil(
        [&] {
            response = get(h.proxy.port(), "/metrics");
            return sample(
                       response.body,
                       R"(claude_proxy_requests_total{route="/v1/chat/completions",model="other",status="200"})") ==
                   1;
        },
        std::chrono::seconds(10)));
    REQUIRE(response.status == 200);
    CHECK(response.header("content-type").value_or("").find("text/plain; version=0.0.4") == 0);
    const std::string& text = response.body;
    INFO("metrics:\n" << text);
    CHECK(
        sample(
            text,
            R"(claude_proxy_requests_total{route="/v1/chat/completions",model="sonnet",status="200"})") ==
        2);
    CHECK(
        sample(
            text,
            R"(claude_proxy_requests_total{route="/v1/chat/completions",model="",status="400"})") ==
        1);
    CHECK(sample(text, R"(claude_proxy_tokens_total{direction="completion"})") == 9);
    CHECK(text.find("claude-made-up-9") == std::string::npos);
    CHECK(sample(text, "claude_proxy_time_to_first_token_seconds_count") == 1);
    CHECK(sample(text, "claude_proxy_cli_processes") == 0);
    CHECK(sample(text, R"(claude_proxy_plugin_loads_total{result="loaded"})") >= 2);

    // A real parser accepts it.
    test_support::ChildSpec promtool;
    promtool.argv = {"promtool", "check", "metrics"};
    promtool.environment = {"PATH=" + test_support::getEnv("PATH", "/usr/bin:/bin")};
    promtool.stdinData = text;
    promtool.mergeStderr = true;
    const auto checked = test_support::runToCompletion(promtool, std::chrono::seconds(30));
    INFO("promtool: " << checked.stdoutText);
    REQUIRE(checked.status);
    CHECK(checked.status->exitedWith(0));
}

TEST_CASE("/metrics counts requests turned away by the concurrency limit") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-concurrency=1", "--queue-timeout-ms=200"};
    Harness h(options);
    test_support::RawConnection first(h.proxy.port());
    const auto body = userBody("MOCK:hang");
    first.send(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body);
    REQUIRE(h.mock.waitForRequestCount(1));
    CHECK(h.chat(userBody("hi")).status == 429);
    const auto text = get(h.proxy.port(), "/metrics").body;
    CHECK(sample(text, R"(claude_proxy_rejected_requests_total{reason="concurrency_limit"})") == 1);
    CHECK(sample(text, "claude_proxy_cli_processes") == 1);
    CHECK(sample(text, "claude_proxy_in_flight_requests") == 1);
    first.abort();
}

TEST_CASE("--check reports a healthy setup with exit code 0") {
    test_support::MockAnthropic mock;
    const auto result = runProxy(
        {"--check"}, {{"ANTHROPIC_API_KEY", "sk-dummy"}, {"ANTHROPIC_BASE_URL", mock.baseUrl()}});
    INFO("output: " << result.stdoutText << result.stderrText);
    REQUIRE(result.status);
    CHECK(result.status->exitedWith(0));
    CHECK(result.stdoutText.find(test_support::pinnedCliVersion()) != std::string::npos);
    CHECK(result.stdoutText.find("logged in: yes") != std::string::npos);
    CHECK(result.stdoutText.find("generic") != std::string::npos);
    CHECK(result.stdoutText.find("max-concurrency") != std::string::npos);
    CHECK(result.stdoutText.find("healthy") != std::string::npos);
    // Nothing was asked of the model.
    CHECK(mock.requests().empty());
}

TEST_CASE("--check fails when the CLI is not logged in or missing, and hides API keys") {
    const auto notLoggedIn =
        runProxy({"--check", "--api-keys=sk-very-secret"}, {{"ANTHROPIC_API_KEY", ""}});
    REQUIRE(notLoggedIn.status);
    CHECK_FALSE(notLoggedIn.status->exitedWith(0));
    CHECK(notLoggedIn.stdoutText.find("logged in: NO") != std::string::npos);
    CHECK(notLoggedIn.stdoutText.find("sk-very-secret") == std::string::npos);
    CHECK(notLoggedIn.stdoutText.find("1 key(s), not shown") != std::string::npos);

    const auto missing = runProxy({"--check", "--claude-bin=/nonexistent/claude"}, {});
    REQUIRE(missing.status);
    CHECK_FALSE(missing.status->exitedWith(0));
    CHECK(missing.stdoutText.find("NOT FOUND") != std::string::npos);
}

TEST_CASE("SIGTERM lets a stream in flight finish within the grace period, then exits 0") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--shutdown-grace-ms=20000"};
    Harness h(options);
    StreamingRequest stream(h.proxy.port(), "POST", "/v1/chat/completions",
                            userBody("MOCK:deltas=8 MOCK:slow=200", R"("stream":true)"),
                            {{"Content-Type", "application/json"}});
    REQUIRE(stream.status() == 200);
    REQUIRE(stream.nextLine());
    REQUIRE(h.cliProcesses() == 1);
    REQUIRE(h.proxy.sendSignal(SIGTERM));
    // The stream completes normally: every token, a finish chunk, [DONE].
    const auto rest = stream.readRest();
    CHECK(rest.find("tok8") != std::string::npos);
    CHECK(rest.find("\"finish_reason\":\"stop\"") != std::string::npos);
    CHECK(rest.find("data: [DONE]") != std::string::npos);
    const auto status = h.proxy.waitForExit(kBound);
    REQUIRE(status);
    CHECK(status->exitedWith(0));
    CHECK(test_support::childrenOf(h.proxy.pid()).empty());
}

TEST_CASE("SIGTERM past the grace period ends the stream with an in-band error, no CLI left") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--shutdown-grace-ms=300", "--kill-grace-ms=500"};
    Harness h(options);
    StreamingRequest stream(h.proxy.port(), "POST", "/v1/chat/completions",
                            userBody("MOCK:deltas=100 MOCK:slow=300", R"("stream":true)"),
                            {{"Content-Type", "application/json"}});
    REQUIRE(stream.status() == 200);
    REQUIRE(stream.nextLine());
    const auto cli = test_support::childrenOf(h.proxy.pid());
    REQUIRE(cli.size() == 1);
    REQUIRE(h.proxy.sendSignal(SIGTERM));
    const auto rest = stream.readRest();
    CHECK(rest.find("server_shutting_down") != std::string::npos);
    CHECK(rest.find("data: [DONE]") != std::string::npos);
    CHECK(rest.find("tok100") == std::string::npos);
    const auto status = h.proxy.waitForExit(kBound);
    REQUIRE(status);
    CHECK(status->exitedWith(0));
    CHECK(waitUntil([&] { return !test_support::isAlive(cli[0]); }, kBound));
}
