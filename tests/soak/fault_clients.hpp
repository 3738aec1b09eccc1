#pragma once

#include "client_session.hpp"

namespace claude_proxy::soak {

// The scenarios that never reach a CLI: see scenario.hpp.

// Sends part of a chat's head (possibly nothing), waits up to 0.3 s, hangs up.
Outcome abortBeforeHead(const PlannedRequest& request, const SessionContext& context);

// Trickles a GET /v1/models head one byte about every second. Variant 0 sends the rest after
// 2 to 4 bytes (a 200); variant 1 stops short of the head's end and waits for the read
// deadline (408). Holds one of the context's slow-client places meanwhile.
Outcome slowHeader(const PlannedRequest& request, const SessionContext& context);

// A body over --max-body-bytes: variant 0 announces it by Content-Length (and waits for the
// answer before sending any of it); variant 1 sends one chunk of max + 1 bytes.
Outcome oversizeBody(const PlannedRequest& request, const SessionContext& context);

// An unfinished head of exactly 32 KiB + 1 bytes, the first byte over the proxy's limit.
Outcome oversizeHead(const PlannedRequest& request, const SessionContext& context);

// A chat body of 200 000 '['.
Outcome deepJson(const PlannedRequest& request, const SessionContext& context);

}  // namespace claude_proxy::soak
