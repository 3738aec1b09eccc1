#include "http/server/request_head.hpp"

namespace claude_proxy::http::server {

std::size_t HeadScanner::headEnd(std::string_view received) {
    while (scanned_ < received.size()) {
        const char c = received[scanned_++];
        if (!started_) {
            if (c == '\r' || c == '\n') {
                ++leading_;
                continue;
            }
            started_ = true;
        }
        if (c == '\n') {
            if (lineEmpty_) {
                return scanned_;
            }
            lineEmpty_ = true;
        } else if (c != '\r') {
            lineEmpty_ = false;
        }
    }
    return std::string_view::npos;
}

std::string_view requestTarget(std::string_view head) {
    const std::size_t start = head.find_first_not_of("\r\n");
    if (start == std::string_view::npos) {
        return {};
    }
    const std::string_view line = head.substr(start, head.find('\n', start) - start);
    const std::size_t firstSpace = line.find(' ');
    if (firstSpace == std::string_view::npos) {
        return {};
    }
    const std::size_t targetStart = firstSpace + 1;
    const std::size_t secondSpace = line.find(' ', targetStart);
    if (secondSpace == std::string_view::npos || secondSpace == targetStart) {
        return {};
    }
    return line.substr(targetStart, secondSpace - targetStart);
}

}  // namespace claude_proxy::http::server
