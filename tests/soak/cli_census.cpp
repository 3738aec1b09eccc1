#include "cli_census.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace claude_proxy::soak {
namespace {

std::optional<pid_t> parsePid(const std::string& text) {
    pid_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::string readWhole(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::string text;
    std::array<char, 4096> buffer{};
    while (file.read(buffer.data(), buffer.size()) || file.gcount() > 0) {
        text.append(buffer.data(), static_cast<std::size_t>(file.gcount()));
    }
    return text;
}

// NUL-separated strings, as in cmdline and environ.
std::vector<std::string> splitNul(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\0', start), text.size());
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// Every numeric entry of /proc.
std::vector<pid_t> allProcesses() {
    std::vector<pid_t> pids;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
        if (const auto pid = parsePid(entry.path().filename().string())) {
            pids.push_back(*pid);
        }
    }
    return pids;
}

// The parent pid from /proc/<pid>/stat, read after the command name's last ')'.
std::optional<pid_t> parentOf(pid_t pid) {
    const std::string stat = readWhole("/proc/" + std::to_string(pid) + "/stat");
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream fields(stat.substr(close + 1));
    std::string state;
    std::string parent;
    if (!(fields >> state >> parent)) {
        return std::nullopt;
    }
    return parsePid(parent);
}

bool holds(const std::vector<std::string>& parts, const std::string& wanted) {
    return std::find(parts.begin(), parts.end(), wanted) != parts.end();
}

}  // namespace

std::vector<pid_t> allChildrenOf(pid_t parent) {
    std::vector<pid_t> children;
    for (const pid_t pid : allProcesses()) {
        if (parentOf(pid) == parent) {
            children.push_back(pid);
        }
    }
    std::sort(children.begin(), children.end());
    return children;
}

std::vector<pid_t> processesWithEnvironment(const std::string& entry, pid_t except) {
    std::vector<pid_t> found;
    for (const pid_t pid : allProcesses()) {
        if (pid != except && pid != ::getpid() &&
            holds(splitNul(readWhole("/proc/" + std::to_string(pid) + "/environ")), entry)) {
            found.push_back(pid);
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::vector<std::string> openFdTargets(pid_t pid) {
    std::vector<std::string> targets;
    std::error_code error;
    const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        std::error_code linkError;
        const auto target = std::filesystem::read_symlink(entry.path(), linkError);
        targets.push_back(linkError ? "?" : target.string());
    }
    std::sort(targets.begin(), targets.end());
    return targets;
}

}  // namespace claude_proxy::soak
