#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/config_text.hpp"

using claude_proxy::app::FileValues;
using claude_proxy::app::loadSettings;
using claude_proxy::app::optionTable;
using claude_proxy::app::parseConfigText;
using claude_proxy::app::SettingsError;

namespace {

std::string errorOf(const std::string& text) {
    try {
        parseConfigText(text, "test.properties");
    } catch (const SettingsError& error) {
        return error.what();
    }
    return "no error";
}

// The configuration file shipped in etc/ of the source tree.
std::string shippedConfigText() {
    const auto path = std::filesystem::path(CLAUDE_PROXY_ETC_DIR) / "claude-proxy.properties";
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("a configuration file gives key = value pairs with their line numbers") {
    const auto file = parseConfigText(
        "# a comment\n"
        "\n"
        "  ! another comment\n"
        "port = 9000\n"
        "host:127.0.0.2\n"
        "   default-model   =   opus   \n"
        "extra-models =\n",
        "proxy.properties");
    CHECK(file.name == "proxy.properties");
    REQUIRE(file.values.size() == 4);
    CHECK(file.values.at("port").value == "9000");
    CHECK(file.values.at("port").line == 4);
    CHECK(file.values.at("host").value == "127.0.0.2");
    CHECK(file.values.at("default-model").value == "opus");
    CHECK(file.values.at("default-model").line == 6);
    CHECK(file.values.at("extra-models").value.empty());
}

TEST_CASE("values keep '#' and ':' after the separator, escapes and continuations work") {
    const auto file = parseConfigText(
        "cors-origins = https://a.example:8443\n"
        "work-dir = /tmp/with#hash\n"
        "model-aliases = gpt-4o=sonnet,\\\n"
        "                gpt-4o-mini=haiku\n"
        "claude-bin = /opt/a\\\\b\r\n"
        "log-level = debug\n",
        "f");
    CHECK(file.values.at("cors-origins").value == "https://a.example:8443");
    CHECK(file.values.at("work-dir").value == "/tmp/with#hash");
    CHECK(file.values.at("model-aliases").value == "gpt-4o=sonnet,gpt-4o-mini=haiku");
    CHECK(file.values.at("model-aliases").line == 3);
    CHECK(file.values.at("claude-bin").value == "/opt/a\\b");
    CHECK(file.values.at("log-level").line == 6);
}

TEST_CASE("an unknown key, a repeated key or a line without '=' is an error with its line") {
    CHECK(errorOf("port = 1\n\n# c\nprot = 2\n") ==
          "test.properties:4: unknown key 'prot' (keys are the option names without '--'; see "
          "--help)");
    CHECK(errorOf("port = 1\nport = 2\n") == "test.properties:2: 'port' is already set on line 1");
    CHECK(errorOf("port = 1\nsk-secret-value\n") == "test.properties:2: expected 'key = value'");
    CHECK(errorOf("= 5\n") == "test.properties:1: a value without a key");
    // The flag that names the file is not a key of the file.
    CHECK(errorOf("config = /etc/x\n").find("unknown key 'config'") != std::string::npos);
}

TEST_CASE("a bad value in the file names the file, the line and the key") {
    const auto file = parseConfigText("# c\nport = 80a\n", "/etc/claude-proxy/p.properties");
    try {
        loadSettings({}, {}, file);
        FAIL("no error");
    } catch (const SettingsError& error) {
        CHECK(std::string(error.what()) ==
              "/etc/claude-proxy/p.properties:2: invalid value '80a' for port: expected an "
              "integer from 0 to 65535");
    }
}

TEST_CASE("the first bad line of a file is the one reported") {
    const auto file = parseConfigText("port = x\nhost =\n", "f");
    CHECK_THROWS_WITH_AS(loadSettings({}, {}, file), doctest::Contains("f:1:"), SettingsError);
}

TEST_CASE("the shipped configuration file lists every option with its default") {
    const std::string text = shippedConfigText();
    // Nothing is set: the file only documents.
    CHECK(parseConfigText(text, "etc").values.empty());

    // Uncommenting every "# key = value" line gives a valid file that changes nothing.
    static const std::regex kSetting(R"(^#\s?([a-z0-9-]+)\s*=(.*)$)");
    std::istringstream in(text);
    std::string line;
    std::string uncommented;
    while (std::getline(in, line)) {
        std::smatch match;
        if (std::regex_match(line, match, kSetting)) {
            uncommented += line.substr(line.find_first_not_of("# ")) + "\n";
        }
    }
    const auto file = parseConfigText(uncommented, "uncommented");
    for (const auto& info : optionTable()) {
        CHECK_MESSAGE(file.values.count(info.key) == 1, "missing from etc/: " << info.key);
    }
    CHECK(file.values.size() == optionTable().size());
    const auto fromFile = loadSettings({}, {}, file);
    const auto defaults = loadSettings({}, {});
    CHECK(fromFile.host == defaults.host);
    CHECK(fromFile.port == defaults.port);
    CHECK(fromFile.maxConcurrency == defaults.maxConcurrency);
    CHECK(fromFile.requestTimeout == defaults.requestTimeout);
    CHECK(fromFile.cliPatience.apiTimeout == defaults.cliPatience.apiTimeout);
    CHECK(fromFile.cliPatience.streamIdleTimeout == defaults.cliPatience.streamIdleTimeout);
    CHECK(fromFile.maxBodyBytes == defaults.maxBodyBytes);
    CHECK(fromFile.pluginDirs == defaults.pluginDirs);
    CHECK(fromFile.workDir == defaults.workDir);
    CHECK(fromFile.apiKeys.empty());
    CHECK(fromFile.corsOrigins.empty());
    CHECK_FALSE(fromFile.allowUnauthenticated);
    CHECK(fromFile.logFormat == defaults.logFormat);
    for (const auto& info : optionTable()) {
        if (!info.defaultValue.empty() && info.defaultValue.find(' ') == std::string::npos &&
            info.defaultValue.find('$') == std::string::npos) {
            CHECK_MESSAGE(file.values.at(info.key).value == info.defaultValue,
                          "etc/ shows another default for " << info.key);
        }
    }
}
