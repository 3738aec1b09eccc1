#include "toolcall/handler_registry.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "toolcall/plugin_loader.hpp"

namespace claude_proxy::toolcall {
namespace {

namespace fs = std::filesystem;

bool isPluginFileName(const std::string& name) {
    constexpr std::string_view kSuffix = ".so";
    return name.size() > kSuffix.size() && name.front() != '.' &&
           name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

// The plugin files of one directory, sorted by file name; or why the directory cannot be read.
std::vector<std::string> pluginFiles(const std::string& directory, std::string& problem) {
    std::vector<std::pair<std::string, std::string>> found;  // file name, path
    std::error_code error;
    fs::directory_iterator entries(directory, error);
    for (; !error && entries != fs::directory_iterator(); entries.increment(error)) {
        const fs::directory_entry& entry = *entries;
        std::string name = entry.path().filename().string();
        std::error_code statError;
        if (!isPluginFileName(name) || !entry.is_regular_file(statError)) {
            continue;
        }
        found.emplace_back(std::move(name), entry.path().string());
    }
    if (error) {
        problem = error.message();
        return {};
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> paths;
    paths.reserve(found.size());
    for (auto& [name, path] : found) {
        paths.push_back(std::move(path));
    }
    return paths;
}

}  // namespace

std::vector<LoadResult> HandlerRegistry::loadDirectories(
    const std::vector<std::string>& directories, LogFn log) {
    std::vector<LoadResult> results;
    for (const auto& directory : directories) {
        std::error_code error;
        if (!fs::exists(directory, error) && !error) {
            continue;
        }
        std::string problem = error ? error.message() : std::string();
        if (problem.empty() && !fs::is_directory(directory, error)) {
            problem = error ? error.message() : std::string("not a directory");
        }
        std::vector<std::string> files;
        if (problem.empty()) {
            files = pluginFiles(directory, problem);
        }
        if (!problem.empty()) {
            LoadResult result;
            result.path = directory;
            result.message = directory + ": cannot read: " + problem;
            results.push_back(std::move(result));
            continue;
        }
        for (const auto& file : files) {
            results.push_back(loadFile(file, log));
        }
    }
    return results;
}

LoadResult HandlerRegistry::loadFile(const std::string& path, LogFn log) {
    const auto loadedFrom = [this](std::string_view name) -> std::optional<std::string> {
        if (const auto existing = find(name)) {
            return existing->path();
        }
        return std::nullopt;
    };
    PluginLoad load = loadPlugin(path, loadedFrom, std::move(log));

    LoadResult result;
    result.path = path;
    if (!load.handler) {
        result.message = std::move(load.message);
        return result;
    }
    result.loaded = true;
    result.name = load.handler->name();
    result.version = load.handler->version();
    const auto byName = [](const std::shared_ptr<const ToolCallHandler>& handler,
                           const std::string& name) { return handler->name() < name; };
    const auto position = std::lower_bound(handlers_.begin(), handlers_.end(), result.name, byName);
    handlers_.insert(position, std::move(load.handler));
    return result;
}

std::shared_ptr<const ToolCallHandler> HandlerRegistry::find(std::string_view name) const {
    for (const auto& handler : handlers_) {
        if (handler->name() == name) {
            return handler;
        }
    }
    return nullptr;
}

std::vector<std::shared_ptr<const ToolCallHandler>> HandlerRegistry::list() const {
    return handlers_;
}

std::vector<std::string> HandlerRegistry::names() const {
    std::vector<std::string> out;
    out.reserve(handlers_.size());
    for (const auto& handler : handlers_) {
        out.push_back(handler->name());
    }
    return out;
}

}  // namespace claude_proxy::toolcall
