#pragma once

#include <atomic>

#include "request_log.hpp"

namespace mock_anthropic {

// What every request handler shares: the request log and the shutdown flag that ends
// deliberate waits (hang, stall, delays) early.
struct ServerState {
    RequestLog log;
    std::atomic<bool> stopping{false};
};

}  // namespace mock_anthropic
