#include <doctest/doctest.h>

#include "app/config_text.hpp"
#include "app/settings.hpp"

using claude_proxy::app::loadSettings;
using claude_proxy::app::LogFormat;
using claude_proxy::app::parseConfigText;
using claude_proxy::app::SettingsError;

TEST_CASE("flags beat the environment, which beats the file, which beats the defaults") {
    const auto file = parseConfigText(
        "port = 9001\n"
        "default-model = haiku\n"
        "max-concurrency = 7\n"
        "queue-timeout-ms = 1234\n",
        "f");
    const std::map<std::string, std::string> environment = {{"CLAUDE_PROXY_DEFAULT_MODEL", "opus"},
                                                            {"CLAUDE_PROXY_MAX_CONCURRENCY", "8"}};
    const std::map<std::string, std::string> flags = {{"max-concurrency", "9"}};
    const auto s = loadSettings(environment, flags, file);
    CHECK(s.host == "127.0.0.1");                           // default
    CHECK(s.port == 9001);                                  // file
    CHECK(s.queueTimeout.count() == 1234);                  // file
    CHECK(s.defaultModel == "opus");                        // environment over file
    CHECK(s.maxConcurrency == 9);                           // flag over environment and file
    CHECK(loadSettings({}, {}, file).maxConcurrency == 7);  // file alone
}

TEST_CASE("an unknown key in the values of a file is refused with its line") {
    claude_proxy::app::FileValues file;
    file.name = "f";
    file.values["nope"] = {"1", 3};
    CHECK_THROWS_WITH_AS(loadSettings({}, {}, file), "f:3: unknown key 'nope'", SettingsError);
}

TEST_CASE("log-format is text or json") {
    CHECK(loadSettings({}, {}).logFormat == LogFormat::Text);
    CHECK(loadSettings({{"CLAUDE_PROXY_LOG_FORMAT", "json"}}, {}).logFormat == LogFormat::Json);
    CHECK_THROWS_WITH_AS(loadSettings({}, {{"log-format", "xml"}}),
                         "invalid value 'xml' for log-format: expected text or json",
                         SettingsError);
}

TEST_CASE("api-keys is a list of keys and an invalid one is refused without showing it") {
    const auto s = loadSettings({}, {{"api-keys", "sk-one, sk-two ,"}});
    CHECK(s.apiKeys == std::vector<std::string>{"sk-one", "sk-two"});
    try {
        loadSettings({}, {{"api-keys", "sk-good,sk bad\x01"}});
        FAIL("no error");
    } catch (const SettingsError& error) {
        const std::string message = error.what();
        CHECK(message.find("api-keys") != std::string::npos);
        CHECK(message.find("sk-good") == std::string::npos);
        CHECK(message.find("bad") == std::string::npos);
    }
}

TEST_CASE("allow-unauthenticated and api-key-file parse") {
    CHECK_FALSE(loadSettings({}, {}).allowUnauthenticated);
    CHECK(loadSettings({}, {{"allow-unauthenticated", "true"}}).allowUnauthenticated);
    CHECK(loadSettings({{"CLAUDE_PROXY_ALLOW_UNAUTHENTICATED", "1"}}, {}).allowUnauthenticated);
    CHECK_THROWS_AS(loadSettings({}, {{"allow-unauthenticated", "sure"}}), SettingsError);
    CHECK(loadSettings({}, {{"api-key-file", "/etc/keys"}}).apiKeyFile == "/etc/keys");
}

TEST_CASE("cors-origins takes origins or * alone") {
    CHECK(loadSettings({}, {}).corsOrigins.empty());
    CHECK(loadSettings({}, {{"cors-origins", "https://App.Example.com, http://localhost:3000"}})
              .corsOrigins ==
          std::vector<std::string>{"https://app.example.com", "http://localhost:3000"});
    CHECK(loadSettings({}, {{"cors-origins", "*"}}).corsOrigins == std::vector<std::string>{"*"});
    for (const std::string bad : {"https://a.example/", "a.example", "https://a.example/path",
                                  "*,https://a.example", "://x", "https://"}) {
        INFO(bad);
        CHECK_THROWS_AS(loadSettings({}, {{"cors-origins", bad}}), SettingsError);
    }
}
