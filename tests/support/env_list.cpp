#include "support/env_list.hpp"

#include <algorithm>
#include <cstdlib>

namespace claude_proxy::test_support {

std::vector<std::string> buildEnvironment(const EnvList& base, const EnvList& overrides) {
    EnvList merged = base;
    for (const auto& entry : overrides) {
        const auto found = std::find_if(merged.begin(), merged.end(), [&entry](const auto& known) {
            return known.first == entry.first;
        });
        if (found == merged.end()) {
            merged.push_back(entry);
        } else {
            found->second = entry.second;
        }
    }
    std::vector<std::string> environment;
    environment.reserve(merged.size());
    for (const auto& [name, value] : merged) {
        environment.push_back(name + "=" + value);
    }
    return environment;
}

std::string getEnv(const std::string& name, const std::string& fallback) {
    const char* value = std::getenv(name.c_str());
    return value == nullptr ? fallback : std::string(value);
}

}  // namespace claude_proxy::test_support
