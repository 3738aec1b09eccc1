#include "app/config_location.hpp"

#include <filesystem>

#include "app/config_text.hpp"
#include "app/text_file.hpp"

namespace claude_proxy::app {
namespace {

constexpr const char* kSystemConfigPath = "/etc/claude-proxy/claude-proxy.properties";

}  // namespace

std::string runningExecutablePath() {
    std::error_code error;
    const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string() : path.string();
}

std::vector<std::string> defaultConfigPaths(const std::string& executablePath) {
    std::vector<std::string> paths;
    if (!executablePath.empty()) {
        const auto prefix = std::filesystem::path(executablePath).parent_path().parent_path();
        paths.push_back((prefix / "etc" / "claude-proxy" / "claude-proxy.properties")
                            .lexically_normal()
                            .string());
    }
    if (paths.empty() || paths.front() != kSystemConfigPath) {
        paths.emplace_back(kSystemConfigPath);
    }
    return paths;
}

FileValues readConfigFile(const std::optional<std::string>& explicitPath) {
    if (explicitPath) {
        return parseConfigText(readTextFile(*explicitPath, "config file"), *explicitPath);
    }
    for (const auto& path : defaultConfigPaths(runningExecutablePath())) {
        std::error_code statError;
        if (std::filesystem::exists(path, statError)) {
            return parseConfigText(readTextFile(path, "config file"), path);
        }
    }
    return {};
}

}  // namespace claude_proxy::app
