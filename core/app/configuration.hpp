#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/settings.hpp"

namespace claude_proxy::app {

// The flag and environment variable naming the configuration file (not a config file key).
constexpr const char* kConfigFlag = "config";
constexpr const char* kConfigEnvVar = "CLAUDE_PROXY_CONFIG";

// One option's value as the server will use it, and where it came from.
struct EffectiveOption {
    std::string key;
    std::string value;   // secrets (api-keys) are shown as a count, never in clear
    std::string source;  // "flag", "environment", "file" or "default"
};

// Everything start-up reads before it serves.
struct Configuration {
    Settings settings;
    std::vector<std::string> apiKeys;        // api-keys, then the keys of api-key-file
    std::string configFile;                  // the file that was read; empty: none
    std::vector<EffectiveOption> effective;  // every option, in --help order
};

// Which layer sets each option (flags > environment > file > defaults), with secrets hidden.
// Pure.
std::vector<EffectiveOption> effectiveOptions(const std::map<std::string, std::string>& environment,
                                              const std::map<std::string, std::string>& flags,
                                              const FileValues& file);

// Reads the configuration file (--config, else CLAUDE_PROXY_CONFIG when not empty, else the
// first default path that exists), layers it under the environment and the flags (`flags` may hold
// "config"), and reads the API key file when one is set. Throws SettingsError with one line.
Configuration resolveConfiguration(const std::map<std::string, std::string>& environment,
                                   std::map<std::string, std::string> flags);

}  // namespace claude_proxy::app
