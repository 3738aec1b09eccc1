#include "exchange.hpp"

#include <algorithm>
#include <exception>

namespace claude_proxy::soak {
namespace {

// One read waits at most this long, so that deadlines and callbacks are looked at often.
constexpr std::chrono::milliseconds kReadSlice{100};

}  // namespace

double millisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

bool responseComplete(const std::string& bytes) {
    return test_support::parseHttpResponse(bytes, false).has_value();
}

void readResponse(test_support::RawConnection& connection, Clock::time_point deadline,
                  const std::function<bool(const std::string&)>& onRead) {
    while (!connection.peerClosed() && !responseComplete(connection.received())) {
        const auto now = Clock::now();
        if (now >= deadline) {
            return;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        connection.readSome(std::min(left, kReadSlice) + std::chrono::milliseconds(1));
        if (onRead && !onRead(connection.received())) {
            return;
        }
    }
}

Received exchange(int port, std::string_view request, std::chrono::milliseconds bound) {
    Received received;
    const auto start = Clock::now();
    try {
        test_support::RawConnection connection(port);
        try {
            connection.send(request);
        } catch (const std::exception& error) {
            received.error = std::string("send failed: ") + error.what();
        }
        readResponse(connection, start + bound);
        received.bytes = connection.received();
        received.closed = connection.peerClosed();
        received.ended = received.closed || responseComplete(received.bytes);
    } catch (const std::exception& error) {
        received.error = std::string("connection failed: ") + error.what();
    }
    received.ms = millisSince(start);
    return received;
}

Outcome outcomeOf(const PlannedRequest& request, const Received& received,
                  std::chrono::milliseconds bound) {
    Outcome outcome;
    outcome.request = request;
    outcome.bound = bound;
    outcome.ms = received.ms;
    outcome.note = received.error;
    outcome.hung = received.error.empty() && !received.ended;
    outcome.verdict = readVerdict(received.bytes, received.closed);
    return outcome;
}

}  // namespace claude_proxy::soak
