#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace claude_proxy::soak {

// The proxy's limits for the run, passed to it as flags, and the client-side bounds that
// follow from them: a request that has not ended by its bound counts as hung.
struct ProxyLimits {
    int maxConcurrency = 4;
    std::chrono::milliseconds requestTimeout{6000};  // short, so that upstream hangs end soon
    std::chrono::milliseconds queueTimeout{30000};
    int maxQueue = 32;                            // requests that may wait for a slot
    std::chrono::milliseconds readTimeout{6000};  // head and body of one request
    std::chrono::milliseconds killGrace{1000};
    std::size_t maxBodyBytes = 256 * 1024;  // room for the 200 000 '[' document
    std::size_t maxHeadBytes = 32 * 1024;   // built into the proxy
    int cliMaxRetries = 0;                  // upstream errors come back at once
    // Every request gets a CLI process of its own, started for it: none is kept for a
    // conversation or started ahead (what a killed CLI's request gets depends on it).
    int liveConversations = 0;
    int spareProcesses = 0;

    // The flags, after "--host 127.0.0.1 --port 0".
    std::vector<std::string> proxyArguments() const;

    // A request that runs a CLI: waits for a slot, runs, is ended; plus room for a loaded machine.
    std::chrono::milliseconds cliRequestBound() const;
    // A request refused or answered without a CLI (the slow ones wait for the read deadline).
    std::chrono::milliseconds quickRequestBound() const;
};

}  // namespace claude_proxy::soak
