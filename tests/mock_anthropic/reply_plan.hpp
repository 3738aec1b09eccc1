#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "messages_request.hpp"
#include "scenario.hpp"

namespace mock_anthropic {

// One content block of the reply, already cut into the deltas it is streamed as.
struct ReplyBlock {
    enum class Kind { Thinking, Text, ToolUse };
    Kind kind = Kind::Text;
    std::vector<std::string> pieces;  // thinking text, text, or partial input JSON
    std::string signature;            // Thinking: sent as one signature_delta
    std::string toolId;               // ToolUse
    std::string toolName;             // ToolUse

    std::string joined() const;  // the whole block text (or the whole input JSON)
};

// Everything needed to render the reply either as SSE events or as one JSON message.
struct ReplyPlan {
    std::string messageId;
    std::string model;
    std::vector<ReplyBlock> blocks;
    std::string stopReason;
    long inputTokens = 0;
    long cacheReadTokens = 0;
    long cacheCreationTokens = 0;

    long outputTokens() const;  // one per delta, signature deltas included
};

// The reply for a request: optional thinking block, then the text (echo document, reply64
// text, or the default "Hello from mock" / "tok1 tok2 …"), then an optional tool_use block.
// `sequence` makes the message and tool ids unique. Pure.
ReplyPlan planReply(const MessagesRequest& request, const Scenario& scenario, std::size_t bodyBytes,
                    std::uint64_t sequence);

// The compact JSON document MOCK:echo replies with:
// {"system":"<blocks joined by \n---\n>","messages":[{"role":…,"text":…}…],"model":…,"stream":…}
std::string echoDocument(const MessagesRequest& request);

}  // namespace mock_anthropic
