#pragma once

#include <sys/types.h>

#include <semaphore>
#include <string>

#include "outcome.hpp"
#include "proxy_limits.hpp"
#include "scenario.hpp"

namespace claude_proxy::test_support {
class MockAnthropic;
}

namespace claude_proxy::soak {

// Slow-header clients open at once, at most: far below the proxy's per-client connection cap
// (every client of the run comes from 127.0.0.1), so that none is refused for it.
constexpr std::ptrdiff_t kMaxSlowClients = 6;

// What every client needs to know, shared by all client threads.
struct SessionContext {
    int port = 0;                                       // the proxy's
    pid_t proxyPid = 0;                                 // whose children are the CLI runs
    const test_support::MockAnthropic* mock = nullptr;  // whose log finds a request's CLI
    ProxyLimits limits;
    std::counting_semaphore<kMaxSlowClients>* slowClients = nullptr;
};

// Plays one request of the mix, over a connection of its own, and says how it ended. Never
// takes longer than the scenario's bound (plus a connect and a send timeout); never throws.
Outcome perform(const PlannedRequest& request, const SessionContext& context);

}  // namespace claude_proxy::soak
