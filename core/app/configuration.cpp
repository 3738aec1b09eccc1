#include "app/configuration.hpp"

#include <optional>

#include "app/api_key_file.hpp"
#include "app/config_location.hpp"

namespace claude_proxy::app {

Configuration resolveConfiguration(const std::map<std::string, std::string>& environment,
                                   std::map<std::string, std::string> flags) {
    std::optional<std::string> configPath;
    if (const auto it = environment.find(kConfigEnvVar);
        it != environment.end() && !it->second.empty()) {
        configPath = it->second;
    }
    if (const auto it = flags.find(kConfigFlag); it != flags.end()) {
        configPath = it->second;
        flags.erase(it);
    }
    if (configPath && configPath->empty()) {
        throw SettingsError("--config needs a file name (--config=FILE)");
    }

    Configuration configuration;
    const FileValues file = readConfigFile(configPath);
    configuration.configFile = file.name;
    configuration.settings = loadSettings(environment, flags, file);
    configuration.apiKeys = configuration.settings.apiKeys;
    if (!configuration.settings.apiKeyFile.empty()) {
        const auto fromFile = readApiKeyFile(configuration.settings.apiKeyFile);
        configuration.apiKeys.insert(configuration.apiKeys.end(), fromFile.begin(), fromFile.end());
    }
    return configuration;
}

}  // namespace claude_proxy::app
