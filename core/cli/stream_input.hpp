#pragma once

#include <string>
#include <string_view>

namespace claude_proxy::cli {

// What the CLI reads on stdin with --input-format=stream-json (../shared/claude-cli.md §3): one
// JSON object per line; a user line is one turn of the conversation. Every run writes its
// prompt this way, one-shot runs as well as the turns of a live process. Pure.

// A user turn whose content is one text block, as one line ending in "\n". Ill-formed UTF-8 in
// `text` is replaced (U+FFFD) so the line is always valid JSON.
std::string userTurnLine(std::string_view text);

}  // namespace claude_proxy::cli
