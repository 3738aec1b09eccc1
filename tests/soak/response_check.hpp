#pragma once

#include <string>
#include <string_view>

namespace claude_proxy::soak {

// What a client made of the bytes it received for one request.
struct Verdict {
    int status = 0;          // HTTP status; 0 when no complete response arrived
    std::string code;        // `error.code` of an error response or of an in-band SSE error
    std::string message;     // its `error.message`
    bool inBand = false;     // the error came inside a 200 event stream
    bool toolCalls = false;  // a chat answer with finish_reason "tool_calls" and its calls
    std::string problem;     // set when the response is not what an OpenAI client can read
};

// Reads a raw HTTP/1.1 response (`closed`: the proxy closed the connection after it). A 200
// must be a chat.completion (or another JSON document), or an event stream of
// chat.completion.chunk events ending in [DONE]; any other status must carry an OpenAI error
// body, {"error":{"message","type","code"}}.
Verdict readVerdict(std::string_view raw, bool closed);

}  // namespace claude_proxy::soak
