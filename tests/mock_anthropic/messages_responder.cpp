#include "messages_responder.hpp"

#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <ostream>
#include <vector>

#include "anthropic_events.hpp"
#include "http_replies.hpp"
#include "sse_writer.hpp"

namespace mock_anthropic {
namespace {

// Upper bound of every deliberate silence (hang, stall), so a forgotten client cannot pin a
// server thread forever.
constexpr std::chrono::seconds kLongestSilence{120};

}  // namespace

MessagesResponder::MessagesResponder(const MessagesRequest& request, const Scenario& scenario,
                                     ReplyPlan plan, std::uint64_t requestId,
                                     Poco::Net::HTTPServerResponse& response, PeerWatch& peer)
    : request_(request),
      scenario_(scenario),
      plan_(std::move(plan)),
      requestId_(requestId),
      response_(response),
      peer_(peer) {}

Outcome MessagesResponder::respond() {
    response_.set("request-id", "req_mock_" + std::to_string(requestId_));
    if (scenario_.status) {
        return sendError();
    }
    // A stall needs a stream to stall in; a non-streaming request gets a plain hang instead.
    if (scenario_.hang || (scenario_.stall && !request_.stream)) {
        return hang();
    }
    return request_.stream ? stream() : sendMessage();
}

Outcome MessagesResponder::sendError() {
    const int status = *scenario_.status;
    if (scenario_.retryAfterSeconds) {
        response_.set("retry-after", std::to_string(*scenario_.retryAfterSeconds));
    }
    if (scenario_.noRetry) {
        response_.set("x-should-retry", "false");
    }
    const bool sent = sendJson(response_, status, statusErrorJson(status));
    return {status, !sent};
}

Outcome MessagesResponder::hang() {
    return endSilence(0);
}

Outcome MessagesResponder::endSilence(int status) {
    peer_.stayConnectedFor(kLongestSilence);
    // Never reuse this connection: nothing (or half a stream) was sent on it.
    response_.setKeepAlive(false);
    return {status, peer_.peerClosed()};
}

Outcome MessagesResponder::abandonStream(bool clientClosed) {
    response_.setKeepAlive(false);
    return {200, clientClosed};
}

Outcome MessagesResponder::stream() {
    std::vector<SseEvent> events = streamEvents(plan_);
    if (scenario_.midstreamError) {
        events = withMidstreamError(events);
    }
    setStatus(response_, 200);
    response_.setContentType("text/event-stream; charset=utf-8");
    response_.set("cache-control", "no-cache");
    response_.setChunkedTransferEncoding(true);

    std::ostream* out = nullptr;
    try {
        out = &response_.send();
    } catch (const std::exception&) {
        return abandonStream(true);
    }
    SseWriter writer(*out);
    bool firstDelta = true;
    for (const SseEvent& event : events) {
        if (event.type == "content_block_delta") {
            if (!firstDelta && scenario_.deltaPause.count() > 0 &&
                !peer_.stayConnectedFor(scenario_.deltaPause)) {
                return abandonStream(peer_.peerClosed());
            }
            firstDelta = false;
        }
        if (!writer.write(event)) {
            return abandonStream(true);
        }
        if (event.type != "message_start") {
            continue;
        }
        if (scenario_.stall) {
            return endSilence(200);
        }
        if (scenario_.firstDeltaDelay.count() > 0 &&
            !peer_.stayConnectedFor(scenario_.firstDeltaDelay)) {
            return abandonStream(peer_.peerClosed());
        }
    }
    return {200, false};
}

Outcome MessagesResponder::sendMessage() {
    const bool sent = sendJson(response_, 200, messageJson(plan_));
    return {200, !sent};
}

}  // namespace mock_anthropic
