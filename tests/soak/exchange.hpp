#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "outcome.hpp"
#include "support/http_client.hpp"

namespace claude_proxy::soak {

using Clock = std::chrono::steady_clock;

// What arrived on one client connection.
struct Received {
    std::string bytes;
    bool ended = false;   // a whole response arrived, or the proxy closed the connection
    bool closed = false;  // the proxy closed the connection
    std::string error;    // the connection or a send failed
    double ms = 0;        // from before the connect to the end (or to the bound)
};

// Reads on `connection` until a whole response is there or the proxy closes, at most until
// `deadline`. `onRead` (may be empty) is called after every read with the bytes so far; it
// returns false to stop reading at once (the caller then hangs up).
void readResponse(test_support::RawConnection& connection, Clock::time_point deadline,
                  const std::function<bool(const std::string&)>& onRead = {});

// True when `bytes` hold a complete HTTP response (the connection still open).
bool responseComplete(const std::string& bytes);

// Sends `request` on a connection of its own and reads the answer, at most `bound` in all.
Received exchange(int port, std::string_view request, std::chrono::milliseconds bound);

// The outcome of a request whose client waited for the answer.
Outcome outcomeOf(const PlannedRequest& request, const Received& received,
                  std::chrono::milliseconds bound);

double millisSince(Clock::time_point start);

}  // namespace claude_proxy::soak
