#include "support/env_list.hpp"

#include <algorithm>
#include <cstdlib>

namespace claude_proxy::test_support {

std::vector<std::string> buildEnvironment(const EnvList& base, const EnvList& overrides) {
    EnvList merged = base;
    for (const auto& [name, value] : overrides) {
        const auto found = std::find_if(merged.begin(), merged.end(),
                                        [&](const auto& entry) { return entry.first == name; });
        if (found == merged.end()) {
            merged.emplace_back(name, value);
        } else {
            found->second = value;
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
