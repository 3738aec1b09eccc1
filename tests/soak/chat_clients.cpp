#include "chat_clients.hpp"

#include <exception>
#include <random>

#include "cli_killer.hpp"
#include "exchange.hpp"
#include "request_text.hpp"

namespace claude_proxy::soak {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kSendTimeout{10000};
// A content delta of a stream (the first chunk only carries the role and empty content).
constexpr std::string_view kContentDelta = R"("delta":{"content":")";

std::size_t countOf(const std::string& text, std::string_view needle) {
    std::size_t found = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++found;
    }
    return found;
}

milliseconds randomMillis(std::mt19937& random, int low, int high) {
    return milliseconds(std::uniform_int_distribution<int>(low, high)(random));
}

Received collected(const test_support::RawConnection& connection, Clock::time_point start) {
    Received received;
    received.bytes = connection.received();
    received.closed = connection.peerClosed();
    received.ended = received.closed || responseComplete(received.bytes);
    received.ms = millisSince(start);
    return received;
}

// Hangs up as the variant says: the second bit picks a reset over an orderly close.
void hangUp(test_support::RawConnection& connection, int variant) {
    if ((variant / 2) % 2 == 0) {
        connection.abort();
    } else {
        connection.close();
    }
}

// Runs `body` on a fresh connection with the chat sent; a failure to connect or send becomes
// the outcome's note (and, with nothing received, a "no response" verdict).
template <typename Body>
Outcome withChatConnection(const PlannedRequest& request, const SessionContext& context,
                           Body body) {
    const milliseconds bound = context.limits.cliRequestBound();
    const auto start = Clock::now();
    try {
        test_support::RawConnection connection(context.port);
        connection.setSendTimeout(kSendTimeout);
        connection.send(chatRequest(chatBody(chatSpecFor(request), request.index)));
        return body(connection, start, bound);
    } catch (const std::exception& error) {
        Received failed;
        failed.error = std::string("connection failed: ") + error.what();
        failed.ms = millisSince(start);
        return outcomeOf(request, failed, bound);
    }
}

}  // namespace

Outcome sendChat(const PlannedRequest& request, const SessionContext& context) {
    const milliseconds bound = context.limits.cliRequestBound();
    return outcomeOf(
        request,
        exchange(context.port, chatRequest(chatBody(chatSpecFor(request), request.index)), bound),
        bound);
}

Outcome killCliMidRequest(const PlannedRequest& request, const SessionContext& context) {
    std::mt19937 random(request.seed);
    const ChatSpec spec = chatSpecFor(request);
    const milliseconds delay = randomMillis(random, 100, 1000);
    CliKiller killer(*context.mock, context.proxyPid, spec.tag);
    return withChatConnection(request, context, [&](auto& connection, auto start, auto bound) {
        readResponse(connection, start + bound, [&](const std::string& bytes) {
            if (killer.killed() || !killer.find()) {
                return true;
            }
            const bool due = spec.stream ? bytes.find(kContentDelta) != std::string::npos
                                         : Clock::now() >= killer.foundAt() + delay;
            if (due) {
                killer.kill();
            }
            return true;
        });
        Outcome outcome = outcomeOf(request, collected(connection, start), bound);
        outcome.killed = killer.killed();
        if (!outcome.killed && outcome.note.empty()) {
            outcome.note = "nothing killed: " + killer.whyNot();
        }
        return outcome;
    });
}

Outcome abortAfterSend(const PlannedRequest& request, const SessionContext& context) {
    std::mt19937 random(request.seed);
    const milliseconds wait = randomMillis(random, 0, 1500);
    return withChatConnection(request, context, [&](auto& connection, auto start, auto bound) {
        readResponse(connection, start + wait);
        if (responseComplete(connection.received()) || connection.peerClosed()) {
            return outcomeOf(request, collected(connection, start), bound);
        }
        hangUp(connection, request.variant);
        Outcome outcome = outcomeOf(request, collected(connection, start), bound);
        outcome.hung = false;
        outcome.hungUpOnPurpose = true;
        return outcome;
    });
}

Outcome abortMidStream(const PlannedRequest& request, const SessionContext& context) {
    std::mt19937 random(request.seed);
    const auto wanted = static_cast<std::size_t>(std::uniform_int_distribution<int>(1, 8)(random));
    return withChatConnection(request, context, [&](auto& connection, auto start, auto bound) {
        readResponse(connection, start + bound, [&](const std::string& bytes) {
            return countOf(bytes, kContentDelta) < wanted;
        });
        if (countOf(connection.received(), kContentDelta) < wanted ||
            responseComplete(connection.received())) {
            return outcomeOf(request, collected(connection, start), bound);
        }
        hangUp(connection, request.variant);
        Outcome outcome = outcomeOf(request, collected(connection, start), bound);
        outcome.hung = false;
        outcome.hungUpOnPurpose = true;
        return outcome;
    });
}

}  // namespace claude_proxy::soak
