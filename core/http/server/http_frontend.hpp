#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

#include "http/server/connection.hpp"
#include "http/server/connection_reactor.hpp"
#include "http/server/exchange.hpp"
#include "http/server/worker_pool.hpp"

namespace claude_proxy::http::server {

struct FrontendSettings {
    std::size_t apiThreads = 64;  // workers for the API routes
    std::size_t opsThreads = 2;   // workers kept for /health, /ready, /metrics
    std::size_t maxConnections = 1024;
    std::size_t maxConnectionsPerClient = 256;
    std::chrono::milliseconds readTimeout{30000};       // head and body of one request
    std::chrono::milliseconds keepAliveTimeout{15000};  // idle between two requests
    std::chrono::milliseconds sendTimeout{60000};       // one blocked write to a client
    std::size_t maxHeadBytes = 32 * 1024;
};

// The HTTP/1.1 server in front of the endpoints: Poco's message types, request handler factory
// and response streams, with a connection layer of its own so that no client can make the
// server unresponsive (Poco's HTTPServer gives every connection a thread for its whole life
// and bounds only each single read):
//  - one reactor thread accepts and collects request heads (ConnectionReactor): slow and idle
//    clients hold no worker; a head must be complete within readTimeout, body included;
//  - complete requests go to a worker pool; /health, /ready and /metrics to a small pool of
//    their own, so they answer while every API worker waits for a CLI slot;
//  - connections are capped in all and per client address (503 / 429 at accept);
//  - a request's unread body is drained (bounded) or its connection closed, so that body
//    bytes are never read as the next request.
class HttpFrontend {
  public:
    HttpFrontend(Poco::Net::ServerSocket& socket, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                 FrontendSettings settings);
    ~HttpFrontend();
    HttpFrontend(const HttpFrontend&) = delete;
    HttpFrontend& operator=(const HttpFrontend&) = delete;

    void start();
    // Stops accepting and closes idle connections. Requests in flight go on; their
    // connections close after their response. Returns at once.
    void stopAccepting();
    // Shuts down the sockets of the requests still being served, so that writes to their
    // clients fail at once.
    void abortConnections();
    // Waits for the workers to finish, at most `limit`; true when none is left running.
    bool stopWorkers(std::chrono::milliseconds limit);

    std::size_t openConnections() const { return counter_.total(); }
    std::size_t busyWorkers() const { return api_.busy() + operations_.busy(); }

  private:
    bool dispatch(std::unique_ptr<Connection>& connection, std::size_t headEnd, bool operations);
    void serve(std::unique_ptr<Connection> connection, std::size_t headEnd);
    bool draining() const;

    Poco::Net::ServerSocket& socket_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
    FrontendSettings settings_;
    Poco::Net::HTTPServerParams::Ptr params_;
    ConnectionCounter counter_;
    ExchangeSettings exchange_;

    mutable std::mutex mutex_;  // guards serving_ and draining_
    std::set<int> serving_;     // sockets of requests in flight
    bool draining_ = false;

    WorkerPool api_;
    WorkerPool operations_;
    std::unique_ptr<ConnectionReactor> reactor_;  // last: it calls into everything above
};

}  // namespace claude_proxy::http::server
