#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "server_state.hpp"

namespace mock_anthropic {

// Everything under /v1/: logs the request, then answers POST /v1/messages (per scenario),
// POST /v1/messages/count_tokens, and 404 for the rest.
class ApiHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit ApiHandler(ServerState& state) : state_(state) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

  private:
    ServerState& state_;
};

}  // namespace mock_anthropic
