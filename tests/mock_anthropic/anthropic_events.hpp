#pragma once

#include <string>
#include <vector>

#include "reply_plan.hpp"

namespace mock_anthropic {

// One server-sent event: `event: <type>` and `data: <data>` (one line of JSON).
struct SseEvent {
    std::string type;
    std::string data;
};

// The full streaming sequence of a reply: message_start, then per block content_block_start,
// its deltas, content_block_stop, then message_delta and message_stop.
std::vector<SseEvent> streamEvents(const ReplyPlan& plan);

// The sequence cut short for MOCK:midstream-error: everything up to the middle content delta
// (at least one), then an `error` event carrying overloaded_error.
std::vector<SseEvent> withMidstreamError(const std::vector<SseEvent>& events);

// The same reply as one non-streaming JSON message.
std::string messageJson(const ReplyPlan& plan);

// The Anthropic error type for an HTTP status (401 authentication_error, 429
// rate_limit_error, 529 overloaded_error, …; other 4xx invalid_request_error, 5xx api_error).
std::string errorTypeForStatus(int status);

// {"type":"error","error":{"type":<type>,"message":<message>}}
std::string errorJson(const std::string& type, const std::string& message);

// The error body of MOCK:status=<code>: message "mock <type> (<code>)".
std::string statusErrorJson(int status);

}  // namespace mock_anthropic
