#include "control_handlers.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <optional>

#include "anthropic_events.hpp"
#include "http_replies.hpp"

namespace mock_anthropic {
namespace {

void discardBody(Poco::Net::HTTPServerRequest& request) {
    Poco::NullOutputStream sink;
    Poco::StreamCopier::copyStream(request.stream(), sink);
}

// The decoded value of `body_contains` in the query ("" when absent); nullopt when the URI
// cannot be parsed.
std::optional<std::string> bodyFilterOf(const std::string& uri) {
    try {
        for (const auto& [name, value] : Poco::URI(uri).getQueryParameters()) {
            if (name == "body_contains") {
                return value;
            }
        }
        return std::string();
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

}  // namespace

void RequestLogHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response) {
    discardBody(request);
    if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_GET) {
        if (const auto filter = bodyFilterOf(request.getURI())) {
            sendJson(response, 200, state_.log.toJson(*filter));
        } else {
            sendJson(response, 400, errorJson("invalid_request_error", "mock: unreadable query"));
        }
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
