#include "rss.hpp"

#include <charconv>
#include <fstream>
#include <string>

namespace claude_proxy::bench {

std::optional<long> procStatusKb(pid_t pid, std::string_view field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    // /proc/<pid>/status has about 60 lines; the bound only guards against a runaway read.
    for (int i = 0; i < 1000 && std::getline(status, line); ++i) {
        if (!line.starts_with(field) || line.size() <= field.size() || line[field.size()] != ':') {
            continue;
        }
        const std::size_t begin = line.find_first_not_of(" \t", field.size() + 1);
        if (begin == std::string::npos) {
            return std::nullopt;
        }
        long value = 0;
        const auto parsed = std::from_chars(line.data() + begin, line.data() + line.size(), value);
        if (parsed.ec != std::errc()) {
            return std::nullopt;
        }
        return value;
    }
    return std::nullopt;
}

}  // namespace claude_proxy::bench
