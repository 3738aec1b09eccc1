#include "http/server/http_frontend.hpp"

#include <fcntl.h>
#include <sys/socket.h>

#include <spdlog/spdlog.h>

namespace claude_proxy::http::server {
namespace {

// Requests waiting for a worker, beyond the workers themselves: a short queue absorbs bursts;
// past it the reactor answers 503 at once instead of letting requests wait unseen.
constexpr std::size_t kApiQueuePerThread = 1;
constexpr std::size_t kOperationsQueue = 64;
// Pipelined requests served in a row by one worker before the connection goes back to the
// reactor (so one client cannot keep a worker for ever).
constexpr std::size_t kPipelinedInARow = 16;

Poco::Net::HTTPServerParams::Ptr makeParams(const FrontendSettings& settings) {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(settings.sendTimeout.count() * 1000));
    params->setKeepAliveTimeout(Poco::Timespan(settings.keepAliveTimeout.count() * 1000));
    return params;
}

}  // namespace

HttpFrontend::HttpFrontend(Poco::Net::ServerSocket& socket,
                           Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                           FrontendSettings settings)
    : socket_(socket),
      factory_(std::move(factory)),
      settings_(settings),
      params_(makeParams(settings_)),
      counter_(settings_.maxConnections, settings_.maxConnectionsPerClient),
      api_("api", settings_.apiThreads, settings_.apiThreads * kApiQueuePerThread),
      operations_("operations", settings_.opsThreads, kOperationsQueue) {
    exchange_.params = params_;
    exchange_.draining = [this] { return draining(); };
    const int listenFd = static_cast<int>(socket_.impl()->sockfd());
    ::fcntl(listenFd, F_SETFL, ::fcntl(listenFd, F_GETFL) | O_NONBLOCK);
    ReactorSettings reactor;
    reactor.readTimeout = settings_.readTimeout;
    reactor.keepAliveTimeout = settings_.keepAliveTimeout;
    reactor.maxHeadBytes = settings_.maxHeadBytes;
    reactor_ = std::make_unique<ConnectionReactor>(
        listenFd, reactor, params_, counter_,
        [this](std::unique_ptr<Connection>& connection, std::size_t headEnd, bool operations) {
            return dispatch(connection, headEnd, operations);
        });
}

HttpFrontend::~HttpFrontend() {
    reactor_->stop();
    abortConnections();
    stopWorkers(std::chrono::milliseconds::max());
}

void HttpFrontend::start() {
    reactor_->start();
}

bool HttpFrontend::draining() const {
    std::lock_guard lock(mutex_);
    return draining_;
}

void HttpFrontend::stopAccepting() {
    {
        std::lock_guard lock(mutex_);
        draining_ = true;
    }
    reactor_->stopAccepting();
}

void HttpFrontend::abortConnections() {
    std::lock_guard lock(mutex_);
    for (const int fd : serving_) {
        ::shutdown(fd, SHUT_RDWR);
    }
}

bool HttpFrontend::stopWorkers(std::chrono::milliseconds limit) {
    // milliseconds::max() means "wait as long as it takes": no deadline is computed for it
    // (now() + max() would overflow the clock's nanoseconds).
    if (limit == std::chrono::milliseconds::max()) {
        const bool api = api_.stop(limit);
        return operations_.stop(limit) && api;
    }
    const auto deadline = std::chrono::steady_clock::now() + limit;
    const bool api = api_.stop(limit);
    const auto left = std::max(std::chrono::milliseconds(0),
                               std::chrono::duration_cast<std::chrono::milliseconds>(
                                   deadline - std::chrono::steady_clock::now()));
    const bool operations = operations_.stop(left);
    return api && operations;
}

bool HttpFrontend::dispatch(std::unique_ptr<Connection>& connection, std::size_t headEnd,
                            bool operations) {
    // The task owns the connection from here on; if the pool refuses it, it comes back.
    auto shared = std::make_shared<std::unique_ptr<Connection>>(std::move(connection));
    auto task = [this, shared, headEnd] { serve(std::move(*shared), headEnd); };
    if ((operations ? operations_ : api_).submit(task)) {
        return true;
    }
    connection = std::move(*shared);
    return false;
}

void HttpFrontend::serve(std::unique_ptr<Connection> connection, std::size_t headEnd) {
    const int fd = connection->fd();
    {
        std::lock_guard lock(mutex_);
        serving_.insert(fd);
    }
    bool keep = true;
    for (std::size_t served = 0; keep; ++served) {
        keep = serveExchange(*connection, headEnd, *factory_, exchange_);
        if (!keep) {
            break;
        }
        // A pipelined request already complete in the pending bytes is served right here;
        // anything else waits in the reactor, holding no worker.
        headEnd = connection->scanner().headEnd(connection->pending());
        if (headEnd == std::string::npos || served + 1 >= kPipelinedInARow) {
            break;
        }
        connection->deadline = Clock::now() + settings_.readTimeout;
    }
    {
        std::lock_guard lock(mutex_);
        serving_.erase(fd);
    }
    if (keep) {
        reactor_->adopt(std::move(connection));
    }
}

}  // namespace claude_proxy::http::server
