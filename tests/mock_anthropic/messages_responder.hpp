#pragma once

#include <cstdint>

#include "messages_request.hpp"
#include "peer_watch.hpp"
#include "reply_plan.hpp"
#include "scenario.hpp"

namespace Poco::Net {
class HTTPServerResponse;
}

namespace mock_anthropic {

// How answering one request ended, for the request log.
struct Outcome {
    int status = 0;  // 0: no headers were sent
    bool clientClosedEarly = false;
};

// Answers one POST /v1/messages as the scenario asks: an error status, a hang, a stream (with
// pauses, a stall or a mid-stream error), or a plain JSON message.
class MessagesResponder {
  public:
    MessagesResponder(const MessagesRequest& request, const Scenario& scenario, ReplyPlan plan,
                      std::uint64_t requestId, Poco::Net::HTTPServerResponse& response,
                      PeerWatch& peer);

    Outcome respond();

  private:
    Outcome sendError();
    Outcome hang();
    Outcome stream();
    Outcome sendMessage();

    // Ends a deliberate silence: the client closed, the server stops, or the bound passed.
    Outcome endSilence(int status);
    // Ends a stream before message_stop; the connection is not reused.
    Outcome abandonStream(bool clientClosed);

    const MessagesRequest& request_;
    const Scenario& scenario_;
    ReplyPlan plan_;
    std::uint64_t requestId_;
    Poco::Net::HTTPServerResponse& response_;
    PeerWatch& peer_;
};

}  // namespace mock_anthropic
