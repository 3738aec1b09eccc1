#include "client_session.hpp"

#include <exception>

#include "chat_clients.hpp"
#include "fault_clients.hpp"

namespace claude_proxy::soak {
namespace {

Outcome dispatch(const PlannedRequest& request, const SessionContext& context) {
    switch (request.scenario) {
        case Scenario::CliKilled:
            return killCliMidRequest(request, context);
        case Scenario::AbortAfterSend:
            return abortAfterSend(request, context);
        case Scenario::AbortMidStream:
            return abortMidStream(request, context);
        case Scenario::AbortBeforeHead:
            return abortBeforeHead(request, context);
        case Scenario::SlowHeader:
            return slowHeader(request, context);
        case Scenario::OversizeBody:
            return oversizeBody(request, context);
        case Scenario::OversizeHead:
            return oversizeHead(request, context);
        case Scenario::DeepJson:
            return deepJson(request, context);
        default:
            return sendChat(request, context);
    }
}

}  // namespace

Outcome perform(const PlannedRequest& request, const SessionContext& context) {
    try {
        Outcome outcome = dispatch(request, context);
        // Refused without waiting its queue-timeout-ms: every place in the queue was taken.
        outcome.queueFull =
            outcome.verdict.code == "concurrency_limit_reached" &&
            outcome.ms < static_cast<double>(context.limits.queueTimeout.count()) / 2;
        return outcome;
    } catch (const std::exception& error) {
        Outcome outcome;
        outcome.request = request;
        outcome.verdict.problem = std::string("the client failed: ") + error.what();
        return outcome;
    }
}

}  // namespace claude_proxy::soak
