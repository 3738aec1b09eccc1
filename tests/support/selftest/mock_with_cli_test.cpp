// The mock end to end with the real claude CLI (pinned version; see test_environment.hpp).
#include <doctest/doctest.h>
#include <signal.h>

#include "support/claude_cli.hpp"
#include "support/env_list.hpp"
#include "support/json_helpers.hpp"
#include "support/mock_anthropic.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_environment.hpp"

namespace support = claude_proxy::test_support;
using namespace std::chrono_literals;

namespace {

// Runs the CLI with --output-format=json and returns the parsed result object.
rapidjson::Document runForResult(const support::MockAnthropic& mock,
                                 const support::CliRunOptions& options, int expectedExit) {
    const auto run = support::runClaudeCli(mock.baseUrl(), options, 60s);
    INFO("stdout: " << run.stdoutText);
    INFO("stderr: " << run.stderrText);
    REQUIRE(run.status.has_value());
    CHECK(run.status->exitedWith(expectedExit));
    return support::parseJson(run.stdoutText);
}

}  // namespace

TEST_CASE("mock with CLI: the CLI under test is the pinned version") {
    const auto run = support::runToCompletion(
        {.argv = {support::requireClaudeCli(), "--version"},
         .environment = support::buildEnvironment({{"PATH", support::getEnv("PATH")}})},
        30s);
    REQUIRE(run.status.has_value());
    CHECK(run.status->exitedWith(0));
    CHECK(run.stdoutText.rfind(support::pinnedCliVersion() + " ", 0) == 0);
}

TEST_CASE("mock with CLI: default reply") {
    const support::MockAnthropic mock;
    const auto result = runForResult(mock, {.prompt = "say hi"}, 0);
    CHECK_FALSE(support::boolAt(result, "/is_error"));
    CHECK(support::stringAt(result, "/result") == "Hello from mock");
    CHECK(support::stringAt(result, "/stop_reason") == "end_turn");

    const auto requests = mock.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].path == "/v1/messages?beta=true");
    CHECK(requests[0].model == "claude-sonnet-5-5");
    CHECK(requests[0].stream);
}

TEST_CASE("mock with CLI: echo shows the system prompt file as the last system block") {
    const support::MockAnthropic mock;
    const support::ScratchDir scratch("system-prompt");
    const std::string file = scratch.writeFile("system.txt", "SYSTEM FROM FILE\nsecond line");
    const auto result = runForResult(mock, {.prompt = "MOCK:echo", .systemPromptFile = file}, 0);
    const auto echo = support::parseJson(support::stringAt(result, "/result"));
    const std::string system = support::stringAt(echo, "/system");
    const std::string lastBlock = system.substr(system.rfind("\n---\n") + 5);
    CHECK(lastBlock == "SYSTEM FROM FILE\nsecond line");
    CHECK(support::stringAt(echo, "/messages/0/role") == "user");
    CHECK(support::stringAt(echo, "/messages/0/text") == "MOCK:echo");
    CHECK(support::stringAt(echo, "/model") == "claude-sonnet-5-5");
    CHECK(support::boolAt(echo, "/stream"));

    SUBCASE("an empty file gives no block of its own") {
        const std::string empty = scratch.writeFile("empty.txt", "");
        const auto emptyResult =
            runForResult(mock, {.prompt = "MOCK:echo", .systemPromptFile = empty}, 0);
        const auto emptyEcho = support::parseJson(support::stringAt(emptyResult, "/result"));
        const std::string blocks = support::stringAt(emptyEcho, "/system");
        CHECK(blocks.substr(blocks.rfind("\n---\n") + 5) ==
              "You are a Claude agent, built on Anthropic's Claude Agent SDK.");
    }
}

TEST_CASE("mock with CLI: status 429 is an API error in the result") {
    const support::MockAnthropic mock;
    const auto result = runForResult(
        mock, {.prompt = "MOCK:status=429", .extraEnv = {{"CLAUDE_CODE_MAX_RETRIES", "0"}}}, 1);
    CHECK(support::boolAt(result, "/is_error"));
    CHECK(support::intAt(result, "/api_error_status") == 429);
    CHECK(support::stringAt(result, "/api_error_type") == "rate_limit_error");
    CHECK(mock.requests().size() == 1);
}

TEST_CASE("mock with CLI: killing the CLI during a stall is logged as client_closed_early") {
    const support::MockAnthropic mock;
    support::ClaudeCliRun cli(mock.baseUrl(), {.prompt = "MOCK:stall"});
    REQUIRE(mock.waitForRequestCount(1, 30s));
    CHECK(cli.process().sendSignal(SIGTERM));
    const auto status = cli.process().waitForExit(10s);
    REQUIRE(status.has_value());
    CHECK(status->exitedWith(143));
    REQUIRE(mock.waitForRequests([](const auto& requests) { return requests.at(0).finished; }, 5s));
    const auto request = mock.requests().at(0);
    CHECK(request.scenario == "stall");
    CHECK(request.clientClosedEarly);
}

TEST_CASE("mock with CLI: slow deltas reach stream-json output one by one") {
    const support::MockAnthropic mock;
    support::ClaudeCliRun cli(mock.baseUrl(), {.prompt = "MOCK:deltas=4 MOCK:slow=500",
                                               .outputFormat = "stream-json",
                                               .extraArgs = {"--include-partial-messages"}});
    // The first delta shows up while the mock still holds back the others.
    REQUIRE(cli.process().waitForOutput("\"text\":\"tok1\"", 30s));
    CHECK(cli.process().stdoutText().find("\"text\":\" tok4\"") == std::string::npos);
    const auto status = cli.process().waitForExit(30s);
    REQUIRE(status.has_value());
    CHECK(status->exitedWith(0));
    const auto lines = support::parseJsonLines(cli.process().stdoutText());
    int deltas = 0;
    for (const auto& line : lines) {
        if (support::find(line, "/event/delta/text") != nullptr) {
            ++deltas;
        }
    }
    CHECK(deltas == 4);
    CHECK(support::stringAt(lines.back(), "/result") == "tok1 tok2 tok3 tok4");
}
