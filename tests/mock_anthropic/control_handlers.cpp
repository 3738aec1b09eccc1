#include "control_handlers.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>

#include "anthropic_events.hpp"
#include "http_replies.hpp"

namespace mock_anthropic {
namespace {

void discardBody(Poco::Net::HTTPServerRequest& request) {
    Poco::NullOutputStream sink;
    Poco::StreamCopier::copyStream(request.stream(), sink);
}

}  // namespace

void RequestLogHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response) {
    discardBody(request);
    if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_GET) {
        sendJson(response, 200, state_.log.toJson());
    } else if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_DELETE) {
        state_.log.clear();
        sendJson(response, 200, R"({"cleared":true})");
    } else {
        sendJson(response, 405,
                 errorJson("invalid_request_error", "mock: use GET or DELETE on /_mock/requests"));
    }
}

void RootHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                Poco::Net::HTTPServerResponse& response) {
    discardBody(request);
    sendBody(response, 200, "text/plain; charset=utf-8", "mock-anthropic\n");
}

void NotFoundHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response) {
    discardBody(request);
    const std::string message =
        "mock: no route for " + request.getMethod() + " " + request.getURI();
    sendJson(response, 404, errorJson("not_found_error", message));
}

}  // namespace mock_anthropic
