#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>

#include "http/server/connection.hpp"

namespace claude_proxy::http::server {

struct ExchangeSettings {
    Poco::Net::HTTPServerParams::Ptr params;
    // After a response, how much of a body the endpoint did not read is read and dropped, and
    // for how long at most, so that the connection can carry another request. Past either the
    // connection is closed: unread body bytes must never be taken for the next request.
    std::size_t maxDrainBytes = 64 * 1024;
    std::chrono::milliseconds drainTimeout{1000};
    // True while the server shuts down: responses then close their connection.
    std::function<bool()> draining;
};

// Serves the one request whose complete head is at the front of `connection.pending()` (it
// ends at `headEnd`; the request's deadline is `connection.deadline`): parses the head, checks
// its framing, runs the handler the factory makes, finishes the response and, when the
// connection may carry another request, makes sure nothing of this request's body is left.
// Returns true when the connection stays open (what follows the body is still pending).
bool serveExchange(Connection& connection, std::size_t headEnd,
                   Poco::Net::HTTPRequestHandlerFactory& factory, const ExchangeSettings& settings);

}  // namespace claude_proxy::http::server
