#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "server_state.hpp"

namespace mock_anthropic {

// GET /_mock/requests: the request log as JSON (?body_contains=<text>: only the requests whose
// body holds the text); DELETE /_mock/requests: clears it.
class RequestLogHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit RequestLogHandler(ServerState& state) : state_(state) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

  private:
    ServerState& state_;
};

// GET and HEAD /: a plain 200, for liveness probes.
class RootHandler : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;
};

// Anything else outside /v1/: 404 with an Anthropic-style error body.
class NotFoundHandler : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;
};

}  // namespace mock_anthropic
