#include "api_handler.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include "anthropic_events.hpp"
#include "http_replies.hpp"
#include "messages_responder.hpp"
#include "reply_plan.hpp"

namespace mock_anthropic {
namespace {

std::string pathOnly(const std::string& uri) {
    return uri.substr(0, uri.find('?'));
}

LoggedRequest describeRequest(Poco::Net::HTTPServerRequest& request, std::string body) {
    LoggedRequest entry;
    entry.method = request.getMethod();
    entry.path = request.getURI();
    for (const auto& [name, value] : request) {
        entry.headers[Poco::toLower(name)] = value;
    }
    entry.body = std::move(body);
    entry.peerPort = request.clientAddress().port();
    return entry;
}

Poco::Net::StreamSocket* socketOf(Poco::Net::HTTPServerRequest& request) {
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    return impl == nullptr ? nullptr : &impl->socket();
}

}  // namespace

void ApiHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                               Poco::Net::HTTPServerResponse& response) {
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    LoggedRequest entry = describeRequest(request, body);

    std::string error;
    const auto parsed = parseMessagesRequest(body, error);
    const Scenario scenario = parseScenario(parsed ? parsed->markerText() : std::string());
    if (parsed) {
        entry.model = parsed->model;
        entry.stream = parsed->stream;
        entry.scenario = scenario.describe();
        entry.problems = scenario.problems;
    } else {
        entry.scenario = "unparsed";
        entry.problems.push_back(error);
    }
    const std::uint64_t id = state_.log.add(std::move(entry));

    const std::string path = pathOnly(request.getURI());
    const bool post = request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST;
    Outcome outcome;
    if (!post || (path != "/v1/messages" && path != "/v1/messages/count_tokens")) {
        const std::string message = "mock: no route for " + request.getMethod() + " " + path;
        outcome = {404, !sendJson(response, 404, errorJson("not_found_error", message))};
    } else if (!parsed) {
        outcome = {400, !sendJson(response, 400, errorJson("invalid_request_error", error))};
    } else if (path == "/v1/messages/count_tokens") {
        const ReplyPlan plan = planReply(*parsed, scenario, body.size(), id);
        const std::string counted = "{\"input_tokens\":" + std::to_string(plan.inputTokens) + "}";
        outcome = {200, !sendJson(response, 200, counted)};
    } else {
        PeerWatch peer(socketOf(request), state_.stopping);
        MessagesResponder responder(
            *parsed, scenario, planReply(*parsed, scenario, body.size(), id), id, response, peer);
        outcome = responder.respond();
    }
    state_.log.finish(id, outcome.status, outcome.clientClosedEarly);
}

}  // namespace mock_anthropic
