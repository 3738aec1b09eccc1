// The configuration file: its place among the sources, its errors, and what it can set.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "harness.hpp"
#include "support/child_process.hpp"
#include "support/env_list.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_environment.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::ChildSpec;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::runToCompletion;
using claude_proxy::test_support::ScratchDir;
using claude_proxy::test_support::SpawnedServer;
using claude_proxy::test_support::stringAt;

namespace {

constexpr auto kBound = std::chrono::seconds(20);

// The environment of a proxy started directly, whose CLI does not exist (start-up tests).
std::vector<std::string> bareEnvironment(const ScratchDir& home) {
    return test_support::buildEnvironment({
        {"PATH", test_support::getEnv("PATH", "/usr/bin:/bin")},
        {"HOME", home.path()},
        {"CLAUDE_PROXY_CLAUDE_BIN", home.path() + "/no-such-claude"},
    });
}

// Runs the proxy with `args` until it exits (it is expected to refuse to start).
test_support::ChildResult runProxy(const ScratchDir& home, std::vector<std::string> args) {
    ChildSpec spec;
    spec.argv = {test_support::proxyBinaryPath()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.environment = bareEnvironment(home);
    spec.workingDirectory = home.path();
    return runToCompletion(std::move(spec), kBound);
}

std::vector<std::string> modelIds(int port) {
    const auto list = parseJson(get(port, "/v1/models").body);
    std::vector<std::string> ids;
    for (const auto& model : list["data"].GetArray()) {
        ids.emplace_back(model["id"].GetString());
    }
    return ids;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

TEST_CASE("flags beat the environment, which beats the config file, which beats the defaults") {
    ScratchDir dir;
    const auto file = dir.writeFile("proxy.properties",
                                    "# test configuration\n"
                                    "port = 1\n"
                                    "default-model = haiku\n"
                                    "max-concurrency = 2\n"
                                    "queue-timeout-ms = 4321\n"
                                    "extra-models = claude-from-file\n");
    test_support::ProxyOptions options;
    // ProxyProcess passes --port 0: the flag must win over the file's port 1.
    options.extraArgs = {"--config=" + file, "--max-concurrency=3"};
    options.extraEnv = {{"CLAUDE_PROXY_DEFAULT_MODEL", "opus"},
                        {"CLAUDE_PROXY_MAX_CONCURRENCY", "5"}};
    Harness h(options);
    CHECK(h.proxy.port() != 1);
    CHECK(h.proxy.waitForOutput("configuration file: " + file));

    // Flag over environment over file.
    CHECK(parseJson(get(h.proxy.port(), "/health").body)["max_concurrency"].GetInt() == 3);
    // The file alone.
    CHECK(contains(modelIds(h.proxy.port()), "claude-from-file"));
    // Environment over file: a request without a model runs the environment's default model.
    const auto answer = h.chat(R"({"messages":[{"role":"user","content":"hi"}]})");
    INFO("body: " << answer.body);
    REQUIRE(answer.status == 200);
    CHECK(stringAt(parseJson(answer.body), "/model").find("opus") != std::string::npos);
    REQUIRE(h.mock.requests().size() == 1);
    CHECK(h.mock.requests().at(0).model.find("opus") != std::string::npos);
}

TEST_CASE("the config file's host and port are used when nothing overrides them") {
    ScratchDir home;
    const auto file = home.writeFile("p.properties", "host = 127.0.0.1\nport = 0\n");
    SpawnedServer proxy({test_support::proxyBinaryPath(), "--config=" + file},
                        bareEnvironment(home), kBound, home.path());
    // Without the file the proxy would listen on the default port 8088.
    CHECK(proxy.port() != 8088);
    CHECK(get(proxy.port(), "/health").status == 200);
}

TEST_CASE("CLAUDE_PROXY_CONFIG names the config file as well") {
    ScratchDir dir;
    const auto file = dir.writeFile("env.properties", "extra-models = claude-env-named\n");
    test_support::ProxyOptions options;
    options.extraEnv = {{"CLAUDE_PROXY_CONFIG", file}};
    Harness h(options);
    CHECK(contains(modelIds(h.proxy.port()), "claude-env-named"));
}

TEST_CASE("access options and the log format can be set in the config file") {
    ScratchDir dir;
    const auto file = dir.writeFile("access.properties",
                                    "api-keys = sk-file-one, sk-file-two\n"
                                    "cors-origins = https://app.example\n"
                                    "log-format = json\n");
    Harness h(test_support::ProxyOptions{{"--config=" + file}});
    CHECK(get(h.proxy.port(), "/v1/models").status == 401);
    const auto answer =
        get(h.proxy.port(), "/v1/models",
            {{"Authorization", "Bearer sk-file-two"}, {"Origin", "https://app.example"}});
    CHECK(answer.status == 200);
    CHECK(answer.header("access-control-allow-origin") == "https://app.example");

    // Every log line is a JSON object with time, level and message; the access lines too.
    // The access line is written after the answer: wait for both.
    REQUIRE(h.proxy.waitForOutput("status=200"));
    REQUIRE(h.proxy.waitForOutput("status=401"));
    std::istringstream lines(h.proxy.output());
    std::string line;
    int accessLines = 0;
    while (std::getline(lines, line)) {
        if (line.empty()) {
            continue;
        }
        const auto record = parseJson(line);
        CHECK(record["time"].IsString());
        CHECK(record["level"].IsString());
        const std::string message = stringAt(record, "/message");
        if (message.rfind("access ", 0) == 0) {
            ++accessLines;
            CHECK(message.find("request_id=req_") != std::string::npos);
        }
    }
    CHECK(accessLines == 2);
}

TEST_CASE("the shipped config file is accepted as it is") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--config=" + test_support::sourceDir() + "/etc/claude-proxy.properties"};
    Harness h(options);
    CHECK(get(h.proxy.port(), "/health").status == 200);
}

TEST_CASE("an unknown key in the config file stops start-up, naming the file, line and key") {
    ScratchDir home;
    const auto file = home.writeFile("bad.properties", "# ok so far\nport = 0\nprot = 9000\n");
    const auto result = runProxy(home, {"--config=" + file});
    INFO("output: " << result.stdoutText << result.stderrText);
    REQUIRE(result.status);
    CHECK(result.status->exitedWith(64));
    CHECK(result.stderrText.find(file + ":3: unknown key 'prot'") != std::string::npos);
}

TEST_CASE("a bad value in the config file stops start-up, naming the file, line and key") {
    ScratchDir home;
    const auto file = home.writeFile("bad.properties", "port = 0\nmax-concurrency = many\n");
    const auto result = runProxy(home, {"--config=" + file});
    INFO("output: " << result.stdoutText << result.stderrText);
    REQUIRE(result.status);
    CHECK(result.status->exitedWith(64));
    CHECK(result.stderrText.find(file + ":2: invalid value 'many' for max-concurrency") !=
          std::string::npos);
}

TEST_CASE("a config file named but missing stops start-up") {
    ScratchDir home;
    const auto result = runProxy(home, {"--config=" + home.path() + "/absent.properties"});
    INFO("output: " << result.stdoutText << result.stderrText);
    REQUIRE(result.status);
    CHECK(result.status->exitedWith(64));
    CHECK(result.stderrText.find("cannot read config file " + home.path() + "/absent.properties") !=
          std::string::npos);
}
