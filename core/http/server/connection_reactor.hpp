#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPServerParams.h>

#include "http/server/connection.hpp"

namespace claude_proxy::http::server {

struct ReactorSettings {
    // The head of a request must be complete this long after its first byte (or after the
    // connection was accepted); otherwise 408 and the connection is closed.
    std::chrono::milliseconds readTimeout{30000};
    // How long a kept-alive connection may wait idle for its next request.
    std::chrono::milliseconds keepAliveTimeout{15000};
    // A longer head is answered 431.
    std::size_t maxHeadBytes = 32 * 1024;
};

// The one thread that accepts connections and collects request heads: every connection that
// is not being served sits here, in one poll(2) set, until its head is complete, so that slow
// or idle clients hold a descriptor and a small buffer but no worker thread. A complete head is
// handed to `dispatch` (which returns false when no worker can take it: the reactor answers
// 503 and closes). Connections the workers keep alive come back through adopt().
class ConnectionReactor {
  public:
    // `operations` is true for /health, /ready and /metrics.
    using Dispatch =
        std::function<bool(std::unique_ptr<Connection>&, std::size_t headEnd, bool operations)>;

    ConnectionReactor(int listenFd, ReactorSettings settings,
                      Poco::Net::HTTPServerParams::Ptr params, ConnectionCounter& counter,
                      Dispatch dispatch);
    ~ConnectionReactor();  // stop()
    ConnectionReactor(const ConnectionReactor&) = delete;
    ConnectionReactor& operator=(const ConnectionReactor&) = delete;

    void start();
    // Takes a connection back after a response; its pending bytes may already hold the next
    // request. Any thread. After stopAccepting() it is closed instead.
    void adopt(std::unique_ptr<Connection> connection);
    // Stops accepting and closes every connection waiting here. Any thread; returns at once.
    void stopAccepting();
    // Ends the thread (closing what waits here) and joins it.
    void stop();

  private:
    void run();
    void acceptPending(Clock::time_point now);
    void takeAdopted(Clock::time_point now);
    // Reads what arrived; returns false when the connection is to be dropped.
    bool receive(Connection& connection, Clock::time_point now);
    // Dispatches the connection when its head is complete (the slot is emptied then).
    void dispatchIfComplete(std::unique_ptr<Connection>& slot);
    void wake();

    int listenFd_;
    ReactorSettings settings_;
    Poco::Net::HTTPServerParams::Ptr params_;
    ConnectionCounter& counter_;
    Dispatch dispatch_;
    int wakeFd_ = -1;

    std::mutex mutex_;  // guards adopted_ and the two flags
    std::vector<std::unique_ptr<Connection>> adopted_;
    bool stopAccepting_ = false;
    bool stop_ = false;

    std::vector<std::unique_ptr<Connection>> waiting_;  // reactor thread only
    bool accepting_ = true;                             // reactor thread only
    std::thread thread_;
};

}  // namespace claude_proxy::http::server
