#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/settings.hpp"

namespace claude_proxy::app {

// The flag and environment variable naming the configuration file (not a config file key).
constexpr const char* kConfigFlag = "config";
constexpr const char* kConfigEnvVar = "CLAUDE_PROXY_CONFIG";

// Everything start-up reads before it serves.
struct Configuration {
    Settings settings;
    std::vector<std::string> apiKeys;  // api-keys, then the keys of api-key-file
    std::string configFile;            // the file that was read; empty: none
};

// Reads the configuration file (--config, else CLAUDE_PROXY_CONFIG when not empty, else the
// first default path that exists), layers it under the environment and the flags (`flags` may hold
// "config"), and reads the API key file when one is set. Throws SettingsError with one line.
Configuration resolveConfiguration(const std::map<std::string, std::string>& environment,
                                   std::map<std::string, std::string> flags);

}  // namespace claude_proxy::app
