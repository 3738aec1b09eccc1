#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace claude_proxy::soak {

// What one request of the mix does. The first group runs the CLI to an answer or an upstream
// failure; the second is a client misbehaving; the third never gets as far as a CLI.
enum class Scenario {
    Chat,             // non-streaming chat, default reply
    Stream,           // streaming chat with include_usage
    ToolCall,         // tools offered, the model answers with a ```tool_call block
    ToolStream,       // the same, streamed
    SlowStream,       // a stream whose deltas come 100 ms apart
    Upstream429,      // the upstream answers 429 (MOCK:status=429)
    Upstream500,      // 500
    Upstream529,      // 529
    UpstreamHang,     // the upstream never answers (MOCK:hang): the proxy's request timeout ends it
    MidstreamDrop,    // the upstream stream breaks off with an error event (MOCK:midstream-error)
    CliKilled,        // the request's CLI is SIGKILLed from outside while it runs
    AbortBeforeHead,  // the client hangs up before its request head is complete
    AbortAfterSend,   // ... after sending the whole request, before the answer
    AbortMidStream,   // ... in the middle of a streamed answer
    SlowHeader,       // the head trickles in one byte a second
    OversizeBody,     // a body over --max-body-bytes
    OversizeHead,     // a head over 32 KiB
    DeepJson,         // a body of 200 000 '['
};

constexpr int kScenarioCount = static_cast<int>(Scenario::DeepJson) + 1;

std::string_view scenarioName(Scenario scenario);

// True for the scenarios whose request reaches a CLI run (so the CLI's limits bound them).
bool runsCli(Scenario scenario);

// One request of the mix. `variant` picks between the forms of a scenario (streamed or not,
// reset or orderly close, ...: see client_session.cpp); `seed` drives its random choices.
struct PlannedRequest {
    int index = 0;
    Scenario scenario = Scenario::Chat;
    int variant = 0;
    std::uint32_t seed = 0;
};

// `count` requests in a shuffled order, each scenario in proportion to its weight and every
// scenario at least once. The same `seed` gives the same plan.
std::vector<PlannedRequest> planRequests(int count, std::uint32_t seed);

}  // namespace claude_proxy::soak
