#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "http/server_context.hpp"

namespace claude_proxy::http {

// Picks the endpoint for each request from a table of routes (method + path). Paths are
// accepted with and without the "/v1" prefix, since clients differ on where the base URL ends.
// Unknown paths get 404 and known paths with the wrong method 405 (with Allow), both in
// OpenAI's error shape. Every handler it makes is wrapped in the GuardedHandler boundary.
class RequestRouter : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit RequestRouter(const ServerContext& context) : context_(context) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

  private:
    const ServerContext& context_;
};

}  // namespace claude_proxy::http
