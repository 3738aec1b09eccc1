#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::app {

// True for a key a client can send in a header: visible ASCII, no spaces, not empty.
bool isUsableApiKey(std::string_view key);

// The keys in the text of an API key file: one per line, surrounding blanks ignored, blank lines
// and lines starting with '#' skipped. Throws SettingsError "<fileName>:<line>: …" for a line
// that is not a usable key (the line itself is never shown: it may be a secret) and
// "<fileName>: …" when the file holds no key at all. Pure.
std::vector<std::string> parseApiKeyText(const std::string& text, const std::string& fileName);

// Reads and parses the key file at `path`; SettingsError when it cannot be read.
std::vector<std::string> readApiKeyFile(const std::string& path);

}  // namespace claude_proxy::app
