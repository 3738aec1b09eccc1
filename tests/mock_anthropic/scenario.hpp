#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mock_anthropic {

// One `MOCK:name` or `MOCK:name=value` token as it appeared in the prompt.
struct Marker {
    std::string name;
    std::optional<std::string> value;
};

// What the mock should do for one request, decided by the markers in the last user message.
// Parsing is pure: unknown names and bad values are collected in `problems` (and logged with
// the request) but never make the request fail.
struct Scenario {
    std::vector<Marker> markers;  // every marker found, in order

    // Reply content.
    std::optional<std::string> replyText;   // MOCK:reply64 (decoded)
    bool echo = false;                      // MOCK:echo
    std::optional<int> deltaCount;          // MOCK:deltas
    bool thinking = false;                  // MOCK:thinking
    std::optional<std::string> toolName;    // MOCK:tool_use
    std::optional<std::string> toolInput;   // MOCK:tool-input64 (decoded JSON text)
    std::optional<std::string> stopReason;  // MOCK:stop
    std::optional<std::string> model;       // MOCK:model
    int cacheReadTokens = 0;                // MOCK:cache-read
    int cacheCreationTokens = 0;            // MOCK:cache-creation

    // HTTP-level failures.
    std::optional<int> status;             // MOCK:status
    std::optional<int> retryAfterSeconds;  // MOCK:retry-after
    bool noRetry = false;                  // MOCK:no-retry

    // Timing and broken streams.
    std::chrono::milliseconds deltaPause{0};       // MOCK:slow
    std::chrono::milliseconds firstDeltaDelay{0};  // MOCK:delay-first
    bool hang = false;                             // MOCK:hang
    bool stall = false;                            // MOCK:stall
    bool midstreamError = false;                   // MOCK:midstream-error

    std::vector<std::string> problems;  // "unknown marker: x", "bad value for slow: y"

    // The markers as one short string for the request log: "default" when there are none.
    std::string describe() const;
};

// Finds every marker in `text` and builds the scenario. A marker starts at "MOCK:"; its name
// is made of letters, digits, '_' and '-'; an optional "=value" runs over letters, digits and
// "+/=_.:-" (enough for base64, numbers, model ids and tool names). When a marker repeats, the
// last one wins.
Scenario parseScenario(std::string_view text);

}  // namespace mock_anthropic
