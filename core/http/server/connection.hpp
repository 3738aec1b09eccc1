#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "http/server/request_head.hpp"

namespace claude_proxy::http::server {

using Clock = std::chrono::steady_clock;

// Counts the open connections, in all and per client address, and refuses one more past
// either limit. Thread-safe: the reactor admits, whoever destroys a connection releases.
class ConnectionCounter {
  public:
    ConnectionCounter(std::size_t maxTotal, std::size_t maxPerClient)
        : maxTotal_(maxTotal), maxPerClient_(maxPerClient) {}

    enum class Admission { Admitted, TooManyInAll, TooManyFromClient };
    Admission admit(const std::string& client);
    void release(const std::string& client);
    std::size_t total() const;

  private:
    const std::size_t maxTotal_;
    const std::size_t maxPerClient_;
    mutable std::mutex mutex_;
    std::size_t total_ = 0;
    std::map<std::string, std::size_t> perClient_;
};

// One accepted client connection and what has been received on it but not consumed yet. It is
// owned by exactly one party at a time: the reactor while it waits for a request head, a worker
// while one request on it is served. The socket stays blocking; the reactor reads it with
// MSG_DONTWAIT. Destroying the connection closes the socket and releases its admission.
class Connection {
  public:
    Connection(Poco::Net::StreamSocket socket, const Poco::Net::HTTPServerParams::Ptr& params,
               ConnectionCounter& counter, std::string client);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd() const { return fd_; }
    Poco::Net::StreamSocket& socket() { return socket_; }
    // Poco's session over the socket, used only to write responses (reading is ours).
    Poco::Net::HTTPServerSession& session() { return *session_; }
    const Poco::Net::SocketAddress& peer() const { return peer_; }
    const Poco::Net::SocketAddress& local() const { return local_; }
    const std::string& client() const { return client_; }

    // Received bytes not consumed yet: a (partial) head, then maybe body bytes and the start of
    // the next request.
    std::string& pending() { return pending_; }
    HeadScanner& scanner() { return scanner_; }

    // When the reactor gives up waiting for this connection's head.
    Clock::time_point deadline{};
    // True while waiting for the first byte of a request (an idle keep-alive connection).
    bool idle = true;
    // How many requests this connection has carried.
    std::size_t requests = 0;

  private:
    Poco::Net::StreamSocket socket_;
    int fd_;
    std::unique_ptr<Poco::Net::HTTPServerSession> session_;
    Poco::Net::SocketAddress peer_;
    Poco::Net::SocketAddress local_;
    ConnectionCounter& counter_;
    std::string client_;
    std::string pending_;
    HeadScanner scanner_;
};

// Receives what the socket has right now, without waiting, into `into` (at most `maxBytes`).
// Returns the byte count, 0 when the peer closed its side, -1 when nothing is there now
// (EAGAIN), -2 on an error.
long receiveNow(int fd, std::string& into, std::size_t maxBytes);

// Sends `bytes` without waiting and without SIGPIPE, as far as the socket takes them
// (best effort, for the short answers the reactor gives before it closes a connection).
void sendNow(int fd, std::string_view bytes);

// A complete short HTTP/1.1 response with `Connection: close` and an OpenAI-style error body.
std::string closingErrorResponse(int status, std::string_view reason, std::string_view type,
                                 std::string_view code, std::string_view message);

}  // namespace claude_proxy::http::server
