#include "outcome.hpp"

#include <algorithm>
#include <initializer_list>

#include "error_table.hpp"

namespace claude_proxy::soak {
namespace {

bool oneOf(const std::string& label, std::initializer_list<const char*> allowed) {
    return std::any_of(allowed.begin(), allowed.end(),
                       [&](const char* candidate) { return label == candidate; });
}

// The labels a scenario's own behaviour gives.
bool ownResult(const Outcome& outcome, const std::string& label) {
    const PlannedRequest& request = outcome.request;
    switch (request.scenario) {
        case Scenario::Chat:
        case Scenario::Stream:
        case Scenario::SlowStream:
            return label == "200";
        case Scenario::ToolCall:
        case Scenario::ToolStream:
            return label == "200 tool_calls";
        case Scenario::Upstream429:
            return oneOf(label, {"429 rate_limit_exceeded", "in-band rate_limit_exceeded"});
        case Scenario::Upstream500:
            return oneOf(label, {"502 upstream_error", "in-band upstream_error"});
        case Scenario::Upstream529:
            return oneOf(label, {"503 overloaded", "in-band overloaded"});
        case Scenario::UpstreamHang:
            return oneOf(label, {"504 timeout", "in-band timeout"});
        case Scenario::MidstreamDrop:
            // Streamed, the break shows in-band; without streaming the CLI asks again without
            // streaming and answers in full.
            return oneOf(label, {"200", "in-band overloaded", "in-band stream_interrupted",
                                 "in-band upstream_error", "503 overloaded", "502 upstream_error"});
        case Scenario::CliKilled:
            return outcome.killed ? oneOf(label, {"502 cli_failed", "in-band cli_failed"})
                                  : label == "200";
        case Scenario::AbortBeforeHead:
            return label == "client hung up";
        case Scenario::AbortAfterSend:
        case Scenario::AbortMidStream:
            return oneOf(label, {"client hung up", "200"});  // "200": the answer was quicker
        case Scenario::SlowHeader:
            return request.variant % 2 == 0 ? label == "200" : label == "408 request_timeout";
        case Scenario::OversizeBody:
            return label == "413 request_too_large";
        case Scenario::OversizeHead:
            return label == "431 request_head_too_large";
        case Scenario::DeepJson:
            return label == "400 json_too_deep";
    }
    return false;
}

}  // namespace

std::string outcomeLabel(const Outcome& outcome) {
    if (outcome.hung) {
        return "HUNG";
    }
    if (outcome.hungUpOnPurpose) {
        return "client hung up";
    }
    const Verdict& verdict = outcome.verdict;
    if (!verdict.problem.empty()) {
        return "bad: " + verdict.problem;
    }
    if (verdict.inBand) {
        return "in-band " + verdict.code;
    }
    if (verdict.status == 200) {
        return verdict.toolCalls ? "200 tool_calls" : "200";
    }
    return std::to_string(verdict.status) + " " + verdict.code +
           (outcome.queueFull ? ", queue full" : "");
}

bool isMapped(const Outcome& outcome) {
    if (outcome.hung) {
        return false;
    }
    if (outcome.hungUpOnPurpose) {
        return true;
    }
    const Verdict& verdict = outcome.verdict;
    if (!verdict.problem.empty()) {
        return false;
    }
    if (verdict.inBand) {
        return isDocumentedCode(verdict.code);
    }
    return verdict.status == 200 || isDocumentedError(verdict.status, verdict.code);
}

bool isExpected(const Outcome& outcome, bool queueMayFill) {
    if (!isMapped(outcome)) {
        return false;
    }
    const std::string label = outcomeLabel(outcome);
    if (ownResult(outcome, label)) {
        return true;
    }
    if (!runsCli(outcome.request.scenario)) {
        return false;
    }
    return oneOf(label, {"429 concurrency_limit_reached", "504 timeout", "in-band timeout"}) ||
           (queueMayFill && label == "429 concurrency_limit_reached, queue full");
}

}  // namespace claude_proxy::soak
