#pragma once

#include <string>

namespace claude_proxy::bench {

// What the harness measures and how often. Every value is bounded so that one invocation
// finishes in minutes.
struct BenchOptions {
    int runs = 10;          // interleaved bare/proxy pairs per latency metric (1..100)
    int streams = 16;       // concurrent streams while the proxy's peak RSS is sampled (1..64)
    int requests = 32;      // concurrent requests against the concurrency cap (1..128)
    int cap = 4;            // the proxy's --max-concurrency for that test (1..64)
    int conversations = 4;  // multi-turn conversations per side (0..50)
    int turns = 6;          // turns per conversation (2..20)
    bool help = false;
};

// Parses "--runs N" or "--runs=N" (likewise --streams, --requests, --cap) and --help.
// Throws std::invalid_argument with a one-line message on anything else.
BenchOptions parseBenchOptions(int argc, const char* const* argv);

std::string benchUsage();

}  // namespace claude_proxy::bench
