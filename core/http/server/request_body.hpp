#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "http/server/chunked_decoder.hpp"
#include "http/server/connection.hpp"

namespace claude_proxy::http::server {

// The body of one request, read from the connection's pending bytes and then from its socket,
// never past the request's deadline: a client that sends its body slowly gets 408 when the
// deadline passes, however it spaces its bytes. Framing comes from the head: Content-Length,
// chunked, or none. Bytes after the body stay pending on the connection (the next request).
// Used by the one worker thread that serves the request.
class RequestBody {
  public:
    enum class Framing { None, Length, Chunked };
    enum class Status {
        Reading,     // more to come
        Complete,    // the whole body was read
        TooLarge,    // more than the caller's limit
        TimedOut,    // the deadline passed first
        Malformed,   // a broken chunked encoding
        PeerClosed,  // the client closed before the body was complete
    };

    // `sendContinue` is called once, before the first wait for body bytes, when the client
    // asked for "Expect: 100-continue".
    RequestBody(Connection& connection, Framing framing, std::uint64_t length,
                Clock::time_point deadline, std::function<void()> sendContinue);

    // Reads the whole body into `out`; stops with TooLarge past `maxBytes`.
    Status readAll(std::size_t maxBytes, std::string& out);

    // Reads at most `maxBytes` more of the body into `out` (for an istream over it). Returns
    // the status after the read; Reading means more may follow.
    Status readSome(std::size_t maxBytes, std::string& out);

    // Reads and drops what is left of the body, at most `maxBytes`, waiting no longer than
    // `deadline` (and the request's own): true when the body is then complete, so the
    // connection can carry another request.
    bool discardRest(std::size_t maxBytes, Clock::time_point deadline);

    Status status() const { return status_; }
    bool complete() const { return status_ == Status::Complete; }
    // True when a body was announced (a length above 0, or chunked).
    bool announced() const { return announced_; }

  private:
    // Moves body bytes from the connection's pending bytes to `out` (at most `limit`).
    void consumePending(std::string& out, std::size_t limit);
    // Waits for more bytes until `until`; false (and status_ set) when none can come.
    bool receiveMore(Clock::time_point until);

    Connection& connection_;
    Framing framing_;
    std::uint64_t remaining_;  // Length: bytes still to read
    bool announced_;
    Clock::time_point deadline_;
    std::function<void()> sendContinue_;
    ChunkedDecoder chunked_;
    Status status_ = Status::Reading;
};

}  // namespace claude_proxy::http::server
