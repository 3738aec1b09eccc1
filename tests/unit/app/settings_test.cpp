#include <doctest/doctest.h>

#include "app/settings.hpp"

using claude_proxy::app::loadSettings;
using claude_proxy::app::optionTable;
using claude_proxy::app::SettingsError;

TEST_CASE("defaults apply when nothing is configured") {
    const auto s = loadSettings({}, {});
    CHECK(s.host == "127.0.0.1");
    CHECK(s.port == 8088);
    CHECK(s.claudeBin == "claude");
    CHECK(s.defaultModel == "sonnet");
    CHECK(s.maxConcurrency == 4);
    CHECK(s.systemPromptMode == claude_proxy::cli::SystemPromptMode::Replace);
    CHECK(s.cliPatience.maxRetries == 2);
}

TEST_CASE("flags override environment, environment overrides defaults") {
    const auto s = loadSettings({{"CLAUDE_PROXY_PORT", "9000"}, {"CLAUDE_PROXY_HOST", "::1"}},
                                {{"port", "9100"}});
    CHECK(s.port == 9100);
    CHECK(s.host == "::1");
}

TEST_CASE("the seed's variable names are honoured") {
    const auto s = loadSettings(
        {{"CLAUDE_PROXY_DEFAULT_MODEL", "opus"}, {"CLAUDE_PROXY_MAX_CONCURRENCY", "0"}}, {});
    CHECK(s.defaultModel == "opus");
    CHECK(s.maxConcurrency == 0);
}

TEST_CASE("bad values fail with one line naming the option") {
    auto messageFor = [](const std::map<std::string, std::string>& env,
                         const std::map<std::string, std::string>& flags) {
        try {
            loadSettings(env, flags);
        } catch (const SettingsError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    CHECK(messageFor({}, {{"port", "80a"}}) ==
          "invalid value '80a' for port: expected an integer from 0 to 65535");
    CHECK(messageFor({}, {{"port", "70000"}}).find("for port") != std::string::npos);
    CHECK(messageFor({{"CLAUDE_PROXY_MAX_CONCURRENCY", "-1"}}, {}).find("max-concurrency") !=
          std::string::npos);
    CHECK(messageFor({}, {{"default-model", "--help"}}).find("default-model") != std::string::npos);
    CHECK(messageFor({}, {{"system-prompt-mode", "merge"}}) ==
          "invalid value 'merge' for system-prompt-mode: expected replace or append");
    CHECK(messageFor({}, {{"log-prompts", "maybe"}}).find("true or false") != std::string::npos);
    CHECK(messageFor({}, {{"cli-stream-idle-timeout-ms", "5000"}}).find("10000") !=
          std::string::npos);
    CHECK(messageFor({}, {{"no-such-option", "1"}}) == "unknown option --no-such-option");
    CHECK(messageFor({}, {{"port", ""}}).find("for port") != std::string::npos);
    for (const auto& message : {messageFor({}, {{"port", "x"}})}) {
        CHECK(message.find('\n') == std::string::npos);
    }
}

TEST_CASE("model aliases and extra models parse from lists") {
    const auto s =
        loadSettings({{"CLAUDE_PROXY_MODEL_ALIASES", "gpt-4o=sonnet, gpt-4o-mini = haiku"},
                      {"CLAUDE_PROXY_EXTRA_MODELS", "claude-opus-4-6,claude-sonnet-4-5"}},
                     {});
    REQUIRE(s.modelAliases.size() == 2);
    CHECK(s.modelAliases.at("gpt-4o") == "sonnet");
    CHECK(s.modelAliases.at("gpt-4o-mini") == "haiku");
    CHECK(s.extraModels == std::vector<std::string>{"claude-opus-4-6", "claude-sonnet-4-5"});
    CHECK_THROWS_AS(loadSettings({{"CLAUDE_PROXY_MODEL_ALIASES", "gpt-4o"}}, {}), SettingsError);
    CHECK_THROWS_AS(loadSettings({{"CLAUDE_PROXY_MODEL_ALIASES", "a=-x"}}, {}), SettingsError);
}

TEST_CASE("every option has a flag, an environment variable and a description") {
    for (const auto& info : optionTable()) {
        CHECK(!info.key.empty());
        CHECK(info.envVar.rfind("CLAUDE_PROXY_", 0) == 0);
        CHECK(!info.description.empty());
    }
}
