#include "app/api_key_file.hpp"

#include <algorithm>
#include <sstream>

#include "app/settings.hpp"
#include "app/text_file.hpp"

namespace claude_proxy::app {

bool isUsableApiKey(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte > 0x20 && byte < 0x7f;
    });
}

std::vector<std::string> parseApiKeyText(const std::string& text, const std::string& fileName) {
    std::vector<std::string> keys;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') {
            continue;
        }
        const auto key = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        if (!isUsableApiKey(key)) {
            throw SettingsError(fileName + ":" + std::to_string(number) +
                                ": not a usable API key (visible ASCII without spaces expected; "
                                "the line is not shown)");
        }
        keys.push_back(key);
    }
    if (keys.empty()) {
        throw SettingsError(fileName + ": no API key in the file (one key per line expected)");
    }
    return keys;
}

std::vector<std::string> readApiKeyFile(const std::string& path) {
    return parseApiKeyText(readTextFile(path, "API key file"), path);
}

}  // namespace claude_proxy::app
