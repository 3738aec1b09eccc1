#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "server_state.hpp"

namespace mock_anthropic {

// Routes by path: /v1/* to the API, /_mock/requests to the log, GET|HEAD / to liveness,
// everything else to 404.
class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit HandlerFactory(ServerState& state) : state_(state) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

  private:
    ServerState& state_;
};

}  // namespace mock_anthropic
