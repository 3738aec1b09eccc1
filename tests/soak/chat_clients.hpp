#pragma once

#include "client_session.hpp"

namespace claude_proxy::soak {

// The scenarios that run a CLI: see scenario.hpp.

// Sends the chat and waits for the whole answer (chats, streams, tool calls, upstream faults).
Outcome sendChat(const PlannedRequest& request, const SessionContext& context);

// Sends the chat, finds its CLI by the upstream connection of its tagged request (see
// cli_killer.hpp), and SIGKILLs it: streamed, once the first content arrived; otherwise 0.1 to
// 1 s after it was found. Then waits for the answer.
Outcome killCliMidRequest(const PlannedRequest& request, const SessionContext& context);

// Sends the whole chat and hangs up 0 to 1.5 s later, before the answer (variant: a reset or
// an orderly close).
Outcome abortAfterSend(const PlannedRequest& request, const SessionContext& context);

// Streams and hangs up after 1 to 8 content deltas.
Outcome abortMidStream(const PlannedRequest& request, const SessionContext& context);

}  // namespace claude_proxy::soak
