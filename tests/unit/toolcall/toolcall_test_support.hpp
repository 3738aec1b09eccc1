#pragma once

// Shared helpers for the toolcall unit tests (not a test file itself: only *_test.cpp are
// built). The test plugins' paths come from tests/plugins as CLAUDE_PROXY_TEST_PLUGIN_<STEM>.

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "claude_proxy/toolcall_abi.h"
#include "openai/tool_types.hpp"
#include "toolcall/handler_registry.hpp"

namespace claude_proxy::toolcall::test {

// A fresh directory under the temporary directory, removed with its contents at the end.
class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "toolcall-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }

    std::string file(const std::string& name) const { return path_ + "/" + name; }

    // Copies `source` here as `name`; returns the new path.
    std::string copy(const std::string& source, const std::string& name) const {
        std::filesystem::copy_file(source, file(name));
        return file(name);
    }

    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream(file(name), std::ios::binary) << content;
        return file(name);
    }

  private:
    std::string path_;
};

// Collects plugin log lines; its LogFn may be called from any thread.
class LogCapture {
  public:
    using Line = std::tuple<int, std::string, std::string>;  // level, module, message

    HandlerRegistry::LogFn fn() {
        return [this](int level, const std::string& module, const std::string& message) {
            const std::lock_guard<std::mutex> lock(mutex_);
            lines_.emplace_back(level, module, message);
        };
    }

    std::vector<Line> lines() const {
        const std::lock_guard<std::mutex> lock(mutex_);
        return lines_;
    }

    bool contains(int level, const std::string& module, const std::string& message) const {
        for (const auto& line : lines()) {
            if (line == Line(level, module, message)) {
                return true;
            }
        }
        return false;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<Line> lines_;
};

// Whether the shared object at `path` is mapped into this process (dlopen()ed and not unloaded).
inline bool isMapped(const std::string& path) {
    const std::string canonical = std::filesystem::canonical(path).string();
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        if (line.size() >= canonical.size() &&
            line.compare(line.size() - canonical.size(), canonical.size(), canonical) == 0) {
            return true;
        }
    }
    return false;
}

// Two tools, named choice of the second, no parallel calls.
inline openai::ToolRequest weatherRequest() {
    openai::ToolRequest request;
    request.tools.push_back({"get_weather", "Weather for a city",
                             R"({"type":"object","properties":{"city":{"type":"string"}}})"});
    request.tools.push_back({"get_time", "", "{}"});
    request.choice = openai::ToolChoiceMode::Named;
    request.namedTool = "get_time";
    request.parallelToolCalls = false;
    return request;
}

}  // namespace claude_proxy::toolcall::test
