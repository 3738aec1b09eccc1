// The proxy driven by the official openai npm SDK (pinned in tests/sdk_js/package-lock.json,
// installed by packaging/install-test-sdk.sh): the wire shapes are checked by the parser real
// clients use. Each scenario script prints "ok <name>" per scenario and exits 0 when all pass.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "harness.hpp"
#include "support/child_process.hpp"
#include "support/process_census.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::ChildProcess;
using claude_proxy::test_support::ChildSpec;
using claude_proxy::test_support::waitUntil;

namespace {

const std::filesystem::path kScripts =
    std::filesystem::path(CLAUDE_PROXY_SOURCE_DIR) / "tests" / "sdk_js";

// Runs one scenario script against a fresh proxy; returns its output after checking that it
// passed and left no CLI process behind.
void runScenarios(const std::string& script) {
    REQUIRE_MESSAGE(std::filesystem::exists(kScripts / "node_modules" / "openai" / "package.json"),
                    "the openai SDK is not installed: run packaging/install-test-sdk.sh");
    Harness h;
    ChildSpec spec;
    spec.argv = {"node", (kScripts / script).string()};
    const char* path = std::getenv("PATH");
    spec.environment = {"PATH=" + std::string(path != nullptr ? path : "/usr/bin:/bin"),
                        "PROXY_BASE_URL=http://127.0.0.1:" + std::to_string(h.proxy.port()) + "/v1",
                        "OPENAI_LOG=warn"};
    spec.workingDirectory = kScripts.string();
    spec.mergeStderr = true;
    ChildProcess node(spec);
    const auto status = node.waitForExit(std::chrono::seconds(150));
    INFO("node output:\n" << node.stdoutText());
    REQUIRE(status.has_value());
    CHECK(status->exitedWith(0));
    CHECK(node.stdoutText().find("scenarios passed") != std::string::npos);
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, std::chrono::seconds(20)));
}

}  // namespace

TEST_CASE("openai npm SDK: chat completions (create, stream, tools, parse with zod, errors)") {
    runScenarios("chat.mjs");
}

TEST_CASE("openai npm SDK: responses (create, stream, function calls, parse with zod, errors)") {
    runScenarios("responses.mjs");
}
