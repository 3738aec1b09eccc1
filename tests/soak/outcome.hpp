#pragma once

#include <chrono>
#include <string>

#include "response_check.hpp"
#include "scenario.hpp"

namespace claude_proxy::soak {

// How one request of the mix ended, as its client saw it.
struct Outcome {
    PlannedRequest request;
    bool hungUpOnPurpose = false;  // the client left before the answer, as the scenario says
    bool hung = false;             // nothing ended it within `bound`
    bool killed = false;           // CliKilled: its CLI got SIGKILL while answering
    bool queueFull = false;        // a 429 concurrency_limit_reached that came without waiting
    Verdict verdict;               // of what arrived (meaningless when the client hung up)
    double ms = 0;                 // connect to the end
    std::chrono::milliseconds bound{0};
    std::string note;  // what went wrong on the client's side, for the report
};

// A short name for the outcome, the rows of the summary: "200", "200 tool_calls",
// "429 rate_limit_exceeded", "429 concurrency_limit_reached, queue full", "in-band overloaded",
// "client hung up", "HUNG", "bad: <problem>".
std::string outcomeLabel(const Outcome& outcome);

// True when the response was a 200 or an error of the README's table (in-band errors
// included), or the client hung up on purpose.
bool isMapped(const Outcome& outcome);

// True when the proxy refused the request before any CLI ran for it: a 429
// concurrency_limit_reached after its queue wait, or at once with a full queue when that may
// happen (`queueMayFill`).
bool refusedBeforeCli(const Outcome& outcome, bool queueMayFill);

// True when the outcome is one this scenario can have: its own result, or what a loaded
// machine may turn any CLI request into (429 concurrency_limit_reached after waiting its
// queue-timeout-ms, 504 timeout). A full admission queue is expected only when more clients
// run than the proxy has slots and queue places (`queueMayFill`). A CliKilled request must
// have had its CLI killed and then fail with cli_failed, unless it was refused before any CLI
// ran: see outcome.cpp.
bool isExpected(const Outcome& outcome, bool queueMayFill);

}  // namespace claude_proxy::soak
