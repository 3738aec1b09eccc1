#pragma once

#include <string>

namespace claude_proxy::bench {

// One chat turn as both sides get it: the proxy as an OpenAI request with a system and a user
// message, the bare CLI as the system prompt file and stdin the proxy would give it.
struct ChatPrompt {
    std::string system;
    std::string user;           // carries the MOCK: markers that script the reply
    std::string expectedReply;  // what the mock answers; a run with other text failed
};

// The timing of one request, taken with steady_clock around the whole of it.
struct RunMeasurement {
    bool ok = false;
    std::string error;            // why the run does not count, when !ok
    double totalMs = 0.0;         // start until the answer is complete
    double firstContentMs = 0.0;  // streams: start until the first non-empty text arrives
};

}  // namespace claude_proxy::bench
