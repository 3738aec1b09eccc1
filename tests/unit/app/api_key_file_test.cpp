#include <doctest/doctest.h>

#include "app/api_key_file.hpp"
#include "app/settings.hpp"

using claude_proxy::app::isUsableApiKey;
using claude_proxy::app::parseApiKeyText;
using claude_proxy::app::readApiKeyFile;
using claude_proxy::app::SettingsError;

namespace {

std::string errorOf(const std::string& text) {
    try {
        parseApiKeyText(text, "keys.txt");
    } catch (const SettingsError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a key file has one key per line, comments and blank lines are skipped") {
    const auto keys = parseApiKeyText(
        "# team keys\n"
        "sk-alpha\n"
        "\n"
        "   sk-beta  \r\n"
        "  # sk-commented-out\n"
        "sk-gamma",
        "keys.txt");
    CHECK(keys == std::vector<std::string>{"sk-alpha", "sk-beta", "sk-gamma"});
}

TEST_CASE("a line that is not a usable key is refused without showing it") {
    const auto message = errorOf("sk-ok\nsk with space\n");
    CHECK(message.rfind("keys.txt:2: ", 0) == 0);
    CHECK(message.find("with space") == std::string::npos);
    CHECK(errorOf("sk-\xc3\xa9\n").rfind("keys.txt:1: ", 0) == 0);
}

TEST_CASE("a key file without any key is refused") {
    CHECK(errorOf("# nothing yet\n\n") ==
          "keys.txt: no API key in the file (one key per line expected)");
    CHECK(errorOf("").find("no API key") != std::string::npos);
}

TEST_CASE("an unreadable key file is an error naming it") {
    CHECK_THROWS_WITH_AS(readApiKeyFile("/nonexistent/keys"),
                         doctest::Contains("cannot read API key file /nonexistent/keys"),
                         SettingsError);
}

TEST_CASE("usable keys are visible ASCII without spaces") {
    CHECK(isUsableApiKey("sk-proj-AbC_123.~"));
    CHECK_FALSE(isUsableApiKey(""));
    CHECK_FALSE(isUsableApiKey("a b"));
    CHECK_FALSE(isUsableApiKey("tab\there"));
    CHECK_FALSE(isUsableApiKey("caf\xc3\xa9"));
    CHECK_FALSE(isUsableApiKey("del\x7f"));
}
