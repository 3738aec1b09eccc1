#pragma once

#include <string>
#include <vector>

#include "openai/chat_request.hpp"

namespace claude_proxy::openai {

// What the CLI receives for one request: the system prompt (from `system`/`developer`
// messages, joined with a blank line) and the user turn written to its stdin: text, with the
// images and PDFs of the messages placed in it (MediaPart::offset counts bytes of `prompt`).
struct Transcript {
    std::string systemPrompt;
    std::string prompt;
    std::vector<MediaPart> media;
};

// Builds the CLI input from the messages, in order. A conversation that is a single user turn
// is passed through verbatim. Anything longer (history, assistant turns, tool results) is
// rendered as tagged turns whose delimiter is chosen so that it occurs in no message's text:
// user content can never close a turn or open a forged one. Pure: no I/O.
//
// Layout: a one-paragraph preamble naming the marker M, then for each turn
// "\n\n<user-M>\n" + content + "\n</user-M>"; likewise <assistant-M> and
// <tool-result-M call_id="..." name="...">, attribute values entity-escaped. M is the first of
// t1, t2, ... such that no content, name or call id contains "<TAG-M" or "</TAG-M" for any TAG
// (ASCII case ignored). When the last turn is the assistant's, the preamble asks for a
// continuation of it. Empty system/developer messages are skipped; with no other turn at all,
// the prompt is a short "write the first turn" instruction. The media of a turn keep their
// place in its text: each lands in `media` at the offset of the text it followed, inside
// that turn's tags.
Transcript buildTranscript(const std::vector<ChatMessage>& messages);

}  // namespace claude_proxy::openai
