#include "app/configuration.hpp"

#include <optional>

#include "app/api_key_file.hpp"
#include "app/config_location.hpp"

namespace claude_proxy::app {

std::vector<EffectiveOption> effectiveOptions(const std::map<std::string, std::string>& environment,
                                              const std::map<std::string, std::string>& flags,
                                              const FileValues& file) {
    std::vector<EffectiveOption> out;
    for (const auto& info : optionTable()) {
        EffectiveOption option{info.key, info.defaultValue, "default"};
        if (const auto it = file.values.find(info.key); it != file.values.end()) {
            option.value = it->second.value;
            option.source = "file";
        }
        if (const auto it = environment.find(info.envVar); it != environment.end()) {
            option.value = it->second;
            option.source = "environment";
        }
        if (const auto it = flags.find(info.key); it != flags.end()) {
            option.value = it->second;
            option.source = "flag";
        }
        if (info.key == "api-keys" && option.source != "default") {
            std::size_t count = 0;
            for (const char c : option.value) {
                count += c == ',' ? 1 : 0;
            }
            option.value =
                "(" + std::to_string(option.value.empty() ? 0 : count + 1) + " key(s), not shown)";
        }
        out.push_back(std::move(option));
    }
    return out;
}

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
    configuration.effective = effectiveOptions(environment, flags, file);
    configuration.apiKeys = configuration.settings.apiKeys;
    if (!configuration.settings.apiKeyFile.empty()) {
        const auto fromFile = readApiKeyFile(configuration.settings.apiKeyFile);
        configuration.apiKeys.insert(configuration.apiKeys.end(), fromFile.begin(), fromFile.end());
    }
    return configuration;
}

}  // namespace claude_proxy::app
