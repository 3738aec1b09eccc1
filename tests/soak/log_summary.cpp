#include "log_summary.hpp"

#include <charconv>

namespace claude_proxy::soak {
namespace {

// The word after the timestamp: the level.
std::string_view levelOf(std::string_view line) {
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) {
        return {};
    }
    const std::string_view rest = line.substr(space + 1);
    return rest.substr(0, rest.find(' '));
}

// The value of " name=value" in an access line.
std::string_view fieldOf(std::string_view line, std::string_view name) {
    const std::string key = " " + std::string(name) + "=";
    const std::size_t at = line.find(key);
    if (at == std::string_view::npos) {
        return {};
    }
    const std::string_view rest = line.substr(at + key.size());
    return rest.substr(0, rest.find(' '));
}

void countAccess(std::string_view line, LogSummary& summary) {
    if (fieldOf(line, "path") == "/health") {
        ++summary.healthLines;
        return;
    }
    const std::string_view status = fieldOf(line, "status");
    int value = 0;
    const auto [end, error] = std::from_chars(status.data(), status.data() + status.size(), value);
    if (error == std::errc() && end == status.data() + status.size()) {
        ++summary.accessStatuses[value];
    }
}

}  // namespace

LogSummary summarizeProxyLog(std::string_view output) {
    LogSummary summary;
    while (!output.empty()) {
        const std::size_t end = output.find('\n');
        const std::string_view line = output.substr(0, end);
        output = end == std::string_view::npos ? std::string_view() : output.substr(end + 1);
        const std::string_view level = levelOf(line);
        if (level == "info" && line.find(" access ") != std::string_view::npos) {
            countAccess(line, summary);
        } else if (level == "warning") {
            ++summary.warnings;
        } else if (level == "error" || level == "critical") {
            summary.errors.emplace_back(line);
        }
    }
    return summary;
}

}  // namespace claude_proxy::soak
