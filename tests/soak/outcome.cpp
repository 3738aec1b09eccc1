#include "outcome.hpp"

#include <algorithm>
#include <csignal>
#include <initializer_list>

#include "error_table.hpp"
#include "request_text.hpp"

namespace claude_proxy::soak {
namespace {

bool oneOf(const std::string& label, std::initializer_list<const char*> allowed) {
    return std::any_of(allowed.begin(), allowed.end(),
                       [&](const char* candidate) { return label == candidate; });
}

// A CLI SIGKILLed while it answers: the run fails, and the client hears of it as cli_failed,
// "killed by signal 9" — in-band when streamed (the kill waited for the first content, so the
// stream had begun), a 502 otherwise. The proxy recovers by itself only when a process it had
// kept or started ahead is lost before it answered; the soak's proxy keeps none and starts none
// ahead (--live-conversations=0 --spare-processes=0), and the kill comes once the upstream
// request is under way, so a 200 would mean the kill did not take. Without a kill nothing of
// the scenario happened: that is a failure, whatever the answer (a refusal before any CLI ran
// aside, see isExpected).
bool killedAsExpected(const Outcome& outcome, const std::string& label) {
    if (!outcome.killed) {
        return false;
    }
    const bool streamed = chatSpecFor(outcome.request).stream;
    return label == (streamed ? "in-band cli_failed" : "502 cli_failed") &&
           outcome.verdict.message.find("killed by signal " + std::to_string(SIGKILL)) !=
               std::string::npos;
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
            return killedAsExpected(outcome, label);
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

bool refusedBeforeCli(const Outcome& outcome, bool queueMayFill) {
    const std::string label = outcomeLabel(outcome);
    return label == "429 concurrency_limit_reached" ||
           (queueMayFill && label == "429 concurrency_limit_reached, queue full");
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
    if (refusedBeforeCli(outcome, queueMayFill)) {
        return !outcome.killed;
    }
    // A timeout is what a loaded machine may make of any CLI request, but not of one whose
    // CLI was to be killed long before its time limit.
    return outcome.request.scenario != Scenario::CliKilled &&
           oneOf(label, {"504 timeout", "in-band timeout"});
}

}  // namespace claude_proxy::soak
