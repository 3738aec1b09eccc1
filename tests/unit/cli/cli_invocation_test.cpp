#include "cli/cli_invocation.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using claude_proxy::cli::buildArgv;
using claude_proxy::cli::buildEnvironment;
using claude_proxy::cli::CliPatience;
using claude_proxy::cli::InvocationOptions;
using claude_proxy::cli::SystemPromptMode;

namespace {

InvocationOptions sampleOptions() {
    InvocationOptions o;
    o.cliPath = "/usr/local/bin/claude";
    o.model = "claude-sonnet-4-5";
    o.systemPromptFile = "/run/proxy/req-1/system.txt";
    return o;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// The value of NAME in a "NAME=value" list, or "<absent>".
std::string valueOf(const std::vector<std::string>& env, const std::string& name) {
    for (const auto& entry : env) {
        if (entry.rfind(name + "=", 0) == 0) {
            return entry.substr(name.size() + 1);
        }
    }
    return "<absent>";
}

}  // namespace

TEST_CASE("buildArgv: stream-json both ways and exactly the lean flags, in order") {
    const auto argv = buildArgv(sampleOptions());
    const std::vector<std::string> expected = {
        "/usr/local/bin/claude",
        "-p",
        "--input-format=stream-json",
        "--output-format=stream-json",
        "--verbose",
        "--include-partial-messages",
        "--tools=",
        "--setting-sources=",
        "--strict-mcp-config",
        "--no-session-persistence",
        "--disable-slash-commands",
        "--max-turns=1",
        "--model=claude-sonnet-4-5",
        "--system-prompt-file=/run/proxy/req-1/system.txt",
    };
    CHECK(argv == expected);
}

TEST_CASE("buildArgv: append mode, max turns and omitted values") {
    auto options = sampleOptions();
    options.systemPromptMode = SystemPromptMode::Append;
    options.maxTurns = 3;
    auto argv = buildArgv(options);
    CHECK(contains(argv, "--append-system-prompt-file=/run/proxy/req-1/system.txt"));
    CHECK_FALSE(contains(argv, "--system-prompt-file=/run/proxy/req-1/system.txt"));
    CHECK(contains(argv, "--max-turns=3"));

    options.maxTurns = 0;
    options.model.clear();
    options.systemPromptFile.clear();
    argv = buildArgv(options);
    CHECK(contains(argv, "--max-turns=1"));
    for (const auto& a : argv) {
        CHECK(a.rfind("--model", 0) == std::string::npos);
        CHECK(a.find("system-prompt") == std::string::npos);
    }
}

TEST_CASE("buildArgv: every element after argv[0] is a flag, values attached with '='") {
    {
        for (const auto promptMode : {SystemPromptMode::Replace, SystemPromptMode::Append}) {
            auto options = sampleOptions();
            options.systemPromptMode = promptMode;
            options.model = "model with spaces --bare";
            const auto argv = buildArgv(options);
            REQUIRE(argv.size() > 1);
            CHECK(argv[0] == options.cliPath);
            for (std::size_t i = 1; i < argv.size(); ++i) {
                INFO(argv[i]);
                CHECK((argv[i] == "-p" || argv[i].rfind("--", 0) == 0));
            }
            CHECK_FALSE(contains(argv, "--bare"));
            CHECK_FALSE(contains(argv, "--tools"));  // never the separate-value form
        }
    }
}

TEST_CASE("buildEnvironment: allowlist, drops, patience variables, sorted") {
    const std::map<std::string, std::string> parent = {
        {"PATH", "/usr/bin:/bin"},
        {"HOME", "/home/proxy"},
        {"USER", "proxy"},
        {"LANG", "C.UTF-8"},
        {"LC_ALL", "C.UTF-8"},
        {"LC_TIME", "en_GB.UTF-8"},
        {"TZ", "UTC"},
        {"https_proxy", "http://proxy:3128"},
        {"NODE_EXTRA_CA_CERTS", "/etc/ca.pem"},
        {"XDG_CONFIG_HOME", "/home/proxy/.config"},
        {"ANTHROPIC_API_KEY", "sk-ant-xyz"},
        {"ANTHROPIC_BASE_URL", "http://127.0.0.1:9999"},
        {"CLAUDE_CONFIG_DIR", "/home/proxy/.claude"},
        {"CLAUDECODE", "1"},
        {"CLAUDE_CODE_ENTRYPOINT", "cli"},
        {"CLAUDE_CODE_MAX_RETRIES", "10"},
        {"CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK", "1"},
        {"API_TIMEOUT_MS", "999999"},
        {"AWS_SECRET_ACCESS_KEY", "secret"},
        {"OPENAI_API_KEY", "sk-openai"},
        {"DATABASE_URL", "postgres://x"},
        {"TMPDIR", "/var/tmp"},
        {"LD_PRELOAD", "/evil.so"},
    };
    CliPatience patience;
    patience.maxRetries = 1;
    patience.apiTimeout = std::chrono::milliseconds(15000);
    patience.streamIdleTimeout = std::chrono::milliseconds(20000);
    const auto env = buildEnvironment(parent, patience, "/run/proxy/req-1/tmp");

    CHECK(std::is_sorted(env.begin(), env.end()));
    CHECK(valueOf(env, "PATH") == "/usr/bin:/bin");
    CHECK(valueOf(env, "HOME") == "/home/proxy");
    CHECK(valueOf(env, "USER") == "proxy");
    CHECK(valueOf(env, "LANG") == "C.UTF-8");
    CHECK(valueOf(env, "LC_ALL") == "C.UTF-8");
    CHECK(valueOf(env, "LC_TIME") == "en_GB.UTF-8");
    CHECK(valueOf(env, "TZ") == "UTC");
    CHECK(valueOf(env, "https_proxy") == "http://proxy:3128");
    CHECK(valueOf(env, "NODE_EXTRA_CA_CERTS") == "/etc/ca.pem");
    CHECK(valueOf(env, "XDG_CONFIG_HOME") == "/home/proxy/.config");
    CHECK(valueOf(env, "ANTHROPIC_API_KEY") == "sk-ant-xyz");
    CHECK(valueOf(env, "ANTHROPIC_BASE_URL") == "http://127.0.0.1:9999");
    CHECK(valueOf(env, "CLAUDE_CONFIG_DIR") == "/home/proxy/.claude");

    CHECK(valueOf(env, "CLAUDECODE") == "<absent>");
    CHECK(valueOf(env, "CLAUDE_CODE_ENTRYPOINT") == "<absent>");
    CHECK(valueOf(env, "AWS_SECRET_ACCESS_KEY") == "<absent>");
    CHECK(valueOf(env, "OPENAI_API_KEY") == "<absent>");
    CHECK(valueOf(env, "DATABASE_URL") == "<absent>");
    CHECK(valueOf(env, "LD_PRELOAD") == "<absent>");

    CHECK(valueOf(env, "TMPDIR") == "/run/proxy/req-1/tmp");
    CHECK(valueOf(env, "CLAUDE_CODE_MAX_RETRIES") == "1");
    CHECK(valueOf(env, "API_TIMEOUT_MS") == "15000");
    CHECK(valueOf(env, "CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS") == "20000");
    CHECK(valueOf(env, "CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK") == "<absent>");
    CHECK(valueOf(env, "DISABLE_AUTOUPDATER") == "1");
    CHECK(valueOf(env, "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC") == "1");

    // Each name appears once.
    std::vector<std::string> names;
    for (const auto& e : env) {
        names.push_back(e.substr(0, e.find('=')));
    }
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
}

TEST_CASE("buildEnvironment: patience values are clamped, fallback switch only when asked") {
    CliPatience patience;
    patience.maxRetries = 99;
    patience.streamIdleTimeout = std::chrono::milliseconds(500);
    patience.disableNonStreamingFallback = true;
    auto env = buildEnvironment({}, patience, "/tmp/x");
    CHECK(valueOf(env, "CLAUDE_CODE_MAX_RETRIES") == "15");
    CHECK(valueOf(env, "CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS") == "10000");
    CHECK(valueOf(env, "CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK") == "1");

    patience.maxRetries = -3;
    patience.streamIdleTimeout = std::chrono::hours(2);
    env = buildEnvironment({}, patience, "/tmp/x");
    CHECK(valueOf(env, "CLAUDE_CODE_MAX_RETRIES") == "0");
    CHECK(valueOf(env, "CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS") == "1800000");
    CHECK(valueOf(env, "PATH") == "<absent>");
    CHECK(std::is_sorted(env.begin(), env.end()));
}
