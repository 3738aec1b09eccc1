#pragma once

#include <chrono>
#include <string>

namespace claude_proxy::soak {

// How big the run is and what it holds the proxy to. Every value is bounded, so that one run
// ends in minutes whatever is asked.
struct SoakOptions {
    int requests = 200;  // requests in the mix (20..5000)
    int clients = 24;    // client threads sending them at once (1..128)
    int seed = 1;        // the mix and every random choice follow from it (0..2^31-1)
    // /health must answer within this, every time (the bound is 1 s).
    std::chrono::milliseconds healthBound{1000};
    long maxRssMb = 128;                  // the proxy's own VmRSS may never exceed this
    std::chrono::seconds timeLimit{900};  // no new request starts after this
    std::string proxyLog;                 // where to write the proxy's output; "": nowhere
    bool help = false;
};

// Parses "--requests N" or "--requests=N" (likewise --clients, --seed, --health-bound-ms,
// --max-rss-mb, --time-limit-s), "--proxy-log PATH", "--full" (1000 requests, 32 clients; later
// options still win) and --help. Throws std::invalid_argument with a one-line message on anything
// else.
SoakOptions parseSoakOptions(int argc, const char* const* argv);

std::string soakUsage();

}  // namespace claude_proxy::soak
