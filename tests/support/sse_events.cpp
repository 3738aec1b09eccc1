#include "support/sse_events.hpp"

namespace claude_proxy::test_support {

std::vector<SseEvent> parseSseEvents(std::string_view body) {
    std::vector<SseEvent> events;
    SseEvent current;
    bool hasField = false;
    bool hasData = false;
    const auto flush = [&] {
        if (hasField) {
            events.push_back(std::move(current));
        }
        current = SseEvent{};
        hasField = false;
        hasData = false;
    };
    while (!body.empty()) {
        const std::size_t end = body.find('\n');
        std::string_view line = body.substr(0, end);
        body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            flush();
            continue;
        }
        if (line.front() == ':') {
            continue;
        }
        const std::size_t colon = line.find(':');
        const std::string_view field = line.substr(0, colon);
        std::string_view value =
            colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ') {
            value.remove_prefix(1);
        }
        hasField = true;
        if (field == "event") {
            current.event = value;
        } else if (field == "data") {
            if (hasData) {
                current.data += '\n';
            }
            current.data += value;
            hasData = true;
        } else if (field == "id") {
            current.id = value;
        }
    }
    flush();
    return events;
}

}  // namespace claude_proxy::test_support
