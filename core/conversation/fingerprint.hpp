#pragma once

#include <string>
#include <vector>

#include "openai/chat_request.hpp"

// What makes two requests the same conversation, as digests (SHA-256) that the proxy computes
// itself from what the client sends: a client can neither guess nor name a digest into someone
// else's conversation, because it is never taken from the client, only recomputed.
//
// The header fixes what a CLI process was set up with (the scope, e.g. the API key; the model;
// the whole system prompt including the tool-call handler's instructions; the system prompt
// mode; the handler). The chain then adds the conversation's messages one by one (system and
// developer messages belong to the header): digest i stands for the header plus the first i
// messages, and a request whose messages extend a kept conversation finds that conversation's
// digest among its own. Pure.
namespace claude_proxy::conversation {

using Digest = std::string;  // 32 raw bytes

struct ConversationHeader {
    std::string scope;         // who may see it: a digest of the API key, or "" without keys
    std::string model;         // the CLI model
    std::string systemPrompt;  // as the CLI gets it
    bool appendMode = false;   // appended to Claude Code's prompt instead of replacing it
    std::string handler;       // the tool-call handler's name, "" without one
    std::string jsonSchema;    // the structured-output schema the process was set up with, or ""
};

Digest headerDigest(const ConversationHeader& header);

// The conversation `previous` stands for, followed by `message`.
Digest extend(const Digest& previous, const openai::ChatMessage& message);

// digests[i] for i = 0 … (number of non-system messages): the header plus the first i of them.
std::vector<Digest> prefixDigests(const Digest& header,
                                  const std::vector<openai::ChatMessage>& messages);

// The routing key of a conversation for load balancers (the X-Conversation-Id header): the
// SHA-256, in hex, of its first message that is not a system or developer message, which no
// later turn changes. packaging/nginx/claude_proxy_route.js computes the same from the body.
// Only ever used to pick an instance, never to find a conversation. "" without such a message.
// Its images are left out (the nginx script could not compute them the same way from the raw
// body): two conversations that differ only in the first message's image share an instance,
// never a process, since their digests differ.
std::string routingKey(const std::vector<openai::ChatMessage>& messages);

// Lower-case hex of the first `bytes` bytes (for logs and the X-Conversation-Id header).
std::string shortHex(const Digest& digest, std::size_t bytes = 16);

}  // namespace claude_proxy::conversation
