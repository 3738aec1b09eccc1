#include "app/plugin_directories.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

namespace claude_proxy::app {

std::vector<std::string> defaultPluginDirectories() {
    std::vector<std::string> directories;
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto prefix = executable.parent_path().parent_path();
        directories.push_back((prefix / "lib" / "claude-proxy" / "plugins").string());
#ifdef CLAUDE_PROXY_BUILD_DIR
        // Run from the build tree: its freshly built plugins.
        const std::filesystem::path buildDir(CLAUDE_PROXY_BUILD_DIR);
        if (executable.string().rfind(buildDir.string() + "/", 0) == 0) {
            directories.push_back((buildDir / "plugins").string());
        }
#endif
    }
    return directories;
}

toolcall::HandlerRegistry::LogFn pluginLog() {
    return [](int level, const std::string& module, const std::string& message) {
        const auto spdLevel = level <= 0   ? spdlog::level::debug
                              : level == 1 ? spdlog::level::info
                              : level == 2 ? spdlog::level::warn
                                           : spdlog::level::err;
        spdlog::log(spdLevel, "[{}] {}", module, message);
    };
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text.empty() ? "(none)" : text;
}

}  // namespace claude_proxy::app
