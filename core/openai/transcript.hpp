#pragma once

#include <string>
#include <vector>

#include "openai/chat_request.hpp"

namespace claude_proxy::openai {

// What the CLI receives for one request: the system prompt (from `system`/`developer`
// messages, joined with a blank line) and the text written to its stdin.
struct Transcript {
    std::string systemPrompt;
    std::string prompt;
};

// Builds the CLI input from the messages, in order. A conversation that is a single user turn
// is passed through verbatim. Anything longer (history, assistant turns, tool results) is
// rendered as tagged turns whose delimiter is chosen so that it occurs in no message's text:
// user content can never close a turn or open a forged one. Pure: no I/O.
Transcript buildTranscript(const std::vector<ChatMessage>& messages);

}  // namespace claude_proxy::openai
