// The configuration file reader (app::parseConfigText) and the settings it feeds
// (app::loadSettings) on any file text. Oracles: parsing either returns values whose keys are
// known options and whose lines exist in the text, or throws SettingsError naming the file and
// a line; loading those values either succeeds or throws SettingsError naming the file, and it
// succeeds exactly when the same values given as environment variables load. Any other
// exception, or a crash, is a finding.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <string>

#include "app/config_text.hpp"
#include "app/settings.hpp"
#include "fuzz_oracle.hpp"

namespace {

using namespace claude_proxy;

bool loads(const std::map<std::string, std::string>& environment, const app::FileValues& file) {
    try {
        (void)app::loadSettings(environment, {}, file);
        return true;
    } catch (const app::SettingsError& error) {
        FUZZ_REQUIRE(error.what()[0] != '\0');
        if (!file.values.empty()) {
            FUZZ_REQUIRE(std::string(error.what()).rfind("fuzz.conf:", 0) == 0);
        }
        return false;
    }
}

void check(const std::string& text) {
    app::FileValues file;
    try {
        file = app::parseConfigText(text, "fuzz.conf");
    } catch (const app::SettingsError& error) {
        FUZZ_REQUIRE(std::string(error.what()).rfind("fuzz.conf:", 0) == 0);
        return;
    }
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    std::map<std::string, std::string> environment;
    bool comparable = true;  // every value has an environment variable
    for (const auto& [key, value] : file.values) {
        const app::OptionInfo* option = app::findOption(key);
        FUZZ_REQUIRE(option != nullptr);
        FUZZ_REQUIRE(value.line >= 1 && value.line <= lines);
        comparable = comparable && !option->envVar.empty();
        environment[option->envVar] = value.value;
    }
    const bool fromFile = loads({}, file);
    FUZZ_REQUIRE(!comparable || fromFile == loads(environment, {}));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        check(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception& other) {
        std::fprintf(stderr, "unexpected exception: %s\n", other.what());
        fuzz::fail("only SettingsError may be thrown", __FILE__, __LINE__);
    }
    return 0;
}
