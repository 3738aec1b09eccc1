#include "app/config_text.hpp"

#include <sstream>
#include <vector>

namespace claude_proxy::app {
namespace {

constexpr const char* kBlanks = " \t\f\r";

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(kBlanks);
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
}

// True when `line` ends in a backslash that is not itself escaped.
bool continues(const std::string& line) {
    std::size_t backslashes = 0;
    for (auto it = line.rbegin(); it != line.rend() && *it == '\\'; ++it) {
        ++backslashes;
    }
    return backslashes % 2 == 1;
}

std::string unescaped(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char next = text[++i];
        switch (next) {
            case 't':
                out += '\t';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 'f':
                out += '\f';
                break;
            default:
                out += next;
                break;
        }
    }
    return out;
}

// The file as logical lines: continuation lines joined, each with the number of its first line.
std::vector<std::pair<int, std::string>> logicalLines(const std::string& text) {
    std::vector<std::pair<int, std::string>> lines;
    std::istringstream in(text);
    std::string physical;
    int number = 0;
    bool joining = false;
    while (std::getline(in, physical)) {
        ++number;
        std::string line = joining ? trimmed(physical) : physical;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        const bool comment = !joining && [&] {
            const auto first = line.find_first_not_of(kBlanks);
            return first == std::string::npos || line[first] == '#' || line[first] == '!';
        }();
        if (comment) {
            continue;
        }
        const bool more = continues(line);
        if (more) {
            line.pop_back();
        }
        if (joining) {
            lines.back().second += line;
        } else {
            lines.emplace_back(number, line);
        }
        joining = more;
    }
    return lines;
}

}  // namespace

FileValues parseConfigText(const std::string& text, const std::string& fileName) {
    FileValues file;
    file.name = fileName;
    for (const auto& [line, content] : logicalLines(text)) {
        const std::string where = fileName + ":" + std::to_string(line) + ": ";
        const auto separator = content.find_first_of("=:");
        if (separator == std::string::npos) {
            // The line is not echoed: it might be a secret pasted in the wrong place.
            throw SettingsError(where + "expected 'key = value'");
        }
        const std::string key = trimmed(content.substr(0, separator));
        if (key.empty()) {
            throw SettingsError(where + "a value without a key");
        }
        if (findOption(key) == nullptr) {
            throw SettingsError(where + "unknown key '" + key +
                                "' (keys are the option names without '--'; see --help)");
        }
        if (const auto earlier = file.values.find(key); earlier != file.values.end()) {
            throw SettingsError(where + "'" + key + "' is already set on line " +
                                std::to_string(earlier->second.line));
        }
        file.values[key] = FileValue{unescaped(trimmed(content.substr(separator + 1))), line};
    }
    return file;
}

}  // namespace claude_proxy::app
