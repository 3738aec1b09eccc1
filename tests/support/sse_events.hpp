#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::test_support {

// One server-sent event as a client sees it.
struct SseEvent {
    std::string event;  // the `event:` field; empty when absent ("message" by default)
    std::string data;   // `data:` lines joined with '\n'
    std::string id;
};

// Splits a text/event-stream body into events (LF or CRLF line ends; comment lines starting
// with ':' ignored; an unterminated last event is kept).
std::vector<SseEvent> parseSseEvents(std::string_view body);

}  // namespace claude_proxy::test_support
