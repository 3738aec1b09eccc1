#include "fault_clients.hpp"

#include <cstdio>
#include <exception>
#include <random>

#include "exchange.hpp"
#include "request_text.hpp"

namespace claude_proxy::soak {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kSendTimeout{10000};
constexpr std::size_t kDeepNesting = 200000;
// Where a trickling client stops, before the proxy's read deadline.
constexpr milliseconds kStopBeforeDeadline{1500};

const std::string kModelsHead =
    "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

int randomInt(std::mt19937& random, int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
}

std::string hex(std::size_t value) {
    char text[32] = {};
    std::snprintf(text, sizeof text, "%zx", value);
    return text;
}

// Connects, lets `talk` send (and read), then reads the rest of the answer until `bound` has
// passed since the start; every failure becomes the outcome's note.
template <typename Talk>
Outcome talkAndRead(const PlannedRequest& request, int port, milliseconds bound, Talk talk) {
    const auto start = Clock::now();
    Received received;
    try {
        test_support::RawConnection connection(port);
        connection.setSendTimeout(kSendTimeout);
        try {
            talk(connection, start);
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
    Outcome outcome = outcomeOf(request, received, bound);
    if (!received.error.empty() && received.ended) {
        outcome.note.clear();  // the proxy answered and closed while we were still sending
    }
    return outcome;
}

// Holds one of the slow-client places for its lifetime.
class SlowClientPlace {
  public:
    explicit SlowClientPlace(std::counting_semaphore<kMaxSlowClients>& places) : places_(places) {
        places_.acquire();
    }
    ~SlowClientPlace() { places_.release(); }
    SlowClientPlace(const SlowClientPlace&) = delete;
    SlowClientPlace& operator=(const SlowClientPlace&) = delete;

  private:
    std::counting_semaphore<kMaxSlowClients>& places_;
};

}  // namespace

Outcome abortBeforeHead(const PlannedRequest& request, const SessionContext& context) {
    std::mt19937 random(request.seed);
    const std::string head = chatHead(64);
    const auto cut =
        static_cast<std::size_t>(randomInt(random, 0, static_cast<int>(head.size()) - 1));
    const milliseconds wait(randomInt(random, 0, 300));
    Outcome outcome;
    outcome.request = request;
    outcome.bound = context.limits.quickRequestBound();
    outcome.hungUpOnPurpose = true;
    const auto start = Clock::now();
    try {
        test_support::RawConnection connection(context.port);
        connection.setSendTimeout(kSendTimeout);
        if (cut > 0) {
            connection.send(head.substr(0, cut));
        }
        connection.readSome(wait);
        if (request.variant % 2 == 0) {
            connection.abort();
        } else {
            connection.close();
        }
    } catch (const std::exception& error) {
        outcome.note = std::string("connection failed: ") + error.what();
        outcome.hungUpOnPurpose = false;  // it never got as far: a failure
    }
    outcome.ms = millisSince(start);
    return outcome;
}

Outcome slowHeader(const PlannedRequest& request, const SessionContext& context) {
    std::mt19937 random(request.seed);
    const bool completes = request.variant % 2 == 0;
    const std::size_t trickled =
        completes ? static_cast<std::size_t>(randomInt(random, 2, 4)) : kModelsHead.size() - 1;
    const milliseconds stopAt = context.limits.readTimeout - kStopBeforeDeadline;
    const SlowClientPlace place(*context.slowClients);
    return talkAndRead(request, context.port, context.limits.quickRequestBound(),
                       [&](test_support::RawConnection& connection, Clock::time_point start) {
                           for (std::size_t i = 0; i < trickled; ++i) {
                               if (!completes && Clock::now() - start >= stopAt) {
                                   return;  // wait for the deadline without racing it
                               }
                               connection.send(kModelsHead.substr(i, 1));
                               connection.readSome(milliseconds(randomInt(random, 800, 1200)));
                               if (!connection.received().empty()) {
                                   return;  // answered early
                               }
                           }
                           if (completes) {
                               connection.send(kModelsHead.substr(trickled));
                           }
                       });
}

Outcome oversizeBody(const PlannedRequest& request, const SessionContext& context) {
    std::mt19937 random(request.seed);
    const std::size_t limit = context.limits.maxBodyBytes;
    const bool chunked = request.variant % 2 == 1;
    const std::size_t length = limit + 1 + static_cast<std::size_t>(randomInt(random, 0, 65536));
    return talkAndRead(request, context.port, context.limits.quickRequestBound(),
                       [&](test_support::RawConnection& connection, Clock::time_point) {
                           if (!chunked) {
                               connection.send(chatHead(length));
                               return;  // the proxy must answer from the head alone
                           }
                           // Exactly max + 1 bytes of data: the proxy reads all of it
                           // before it can tell, so nothing is left unread at its close.
                           connection.send(
                               "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/json\r\nConnection: close\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n" +
                               hex(limit + 1) + "\r\n" + std::string(limit + 1, ' '));
                       });
}

Outcome oversizeHead(const PlannedRequest& request, const SessionContext& context) {
    const std::string start =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nX-Padding: ";
    // The proxy reads at most its limit + 1 bytes of a head: send exactly that many, so that
    // nothing is left unread when it answers and closes.
    const std::string head =
        start + std::string(context.limits.maxHeadBytes + 1 - start.size(), 'a');
    return talkAndRead(
        request, context.port, context.limits.quickRequestBound(),
        [&](test_support::RawConnection& connection, Clock::time_point) { connection.send(head); });
}

Outcome deepJson(const PlannedRequest& request, const SessionContext& context) {
    const std::string body(kDeepNesting, '[');
    return talkAndRead(request, context.port, context.limits.quickRequestBound(),
                       [&](test_support::RawConnection& connection, Clock::time_point) {
                           connection.send(chatRequest(body));
                       });
}

}  // namespace claude_proxy::soak
