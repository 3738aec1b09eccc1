#include "support/process_census.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

namespace claude_proxy::test_support {
namespace {

std::optional<pid_t> parsePid(std::string_view text) {
    pid_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// The parent pid from /proc/<pid>/stat: "pid (comm) state ppid …". The command name may hold
// spaces and parentheses, so the fields are read after the last ')'. Zombies are skipped: they
// are already dead, only not yet reaped.
std::optional<pid_t> liveParentOf(const std::string& pid) {
    std::ifstream file("/proc/" + pid + "/stat");
    std::string stat;
    if (!std::getline(file, stat)) {
        return std::nullopt;  // gone meanwhile
    }
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream fields(stat.substr(close + 1));
    std::string state;
    std::string parent;
    if (!(fields >> state >> parent) || state == "Z" || state == "X") {
        return std::nullopt;
    }
    return parsePid(parent);
}

}  // namespace

std::vector<pid_t> childrenOf(pid_t parent) {
    std::vector<pid_t> children;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
        const std::string name = entry.path().filename().string();
        const auto pid = parsePid(name);
        if (!pid) {
            continue;
        }
        if (liveParentOf(name) == parent) {
            children.push_back(*pid);
        }
    }
    std::sort(children.begin(), children.end());
    return children;
}

std::vector<pid_t> descendantsOf(pid_t ancestor) {
    std::vector<pid_t> found;
    std::vector<pid_t> frontier{ancestor};
    while (!frontier.empty()) {
        const pid_t next = frontier.back();
        frontier.pop_back();
        for (const pid_t child : childrenOf(next)) {
            found.push_back(child);
            frontier.push_back(child);
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

bool isAlive(pid_t pid) {
    return liveParentOf(std::to_string(pid)).has_value();
}

int openFdCount(pid_t pid) {
    std::error_code error;
    std::filesystem::directory_iterator entries("/proc/" + std::to_string(pid) + "/fd", error);
    if (error) {
        return -1;
    }
    int count = 0;
    for (auto it = entries; it != std::filesystem::directory_iterator(); it.increment(error)) {
        if (error) {
            return -1;
        }
        ++count;
    }
    return count;
}

bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
               std::chrono::milliseconds interval) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(interval);
    }
    return condition();
}

}  // namespace claude_proxy::test_support
