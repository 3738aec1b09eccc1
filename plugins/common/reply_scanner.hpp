#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include <claude_proxy/toolcall_handler.hpp>

#include "common/call_decoder.hpp"

// Finds the tool-call blocks in a model reply. One scanner serves both parseReply (the whole
// reply) and safeContentLength (a growing prefix): in streaming mode every decision that more
// text could still change is reported as "pending" instead of being taken, so whatever the
// streaming scan lets through is exactly what the complete scan keeps as content. A streamed
// reply uses ReplyStreamScanner, the same streaming scan made resumable.
//
// Recognised, outside ordinary code fences:
//   - a fence (a line of 3+ backticks, optionally indented) whose info word is a call word
//     (tool_call, tool-call, toolcall, tool_calls, ...): its body is decoded leniently; an
//     unterminated one at the very end of a complete reply counts if its body is complete;
//   - a ```json or untagged fence whose body is exactly a call to an offered tool (strict);
//   - <tool_call> … </tool_call> tags (also tool-call, toolcall, function_call) around JSON;
//     the closing tag may be missing at the very end of a complete reply.
// Every other fence is opaque content: nothing inside a ```python block is ever a call.
namespace claude_proxy::plugins {

enum class ScanMode {
    Complete,   // the reply is final
    Streaming,  // the reply may grow; stop at the first call or undecidable position
};

struct CallBlock {
    std::size_t begin = 0;  // first byte of the fence (after its indentation) or of the tag
    std::size_t end = 0;    // one past the closing fence line (before its line break) or tag
    std::vector<sdk::ParsedCall> calls;
};

struct ReplyScan {
    std::vector<CallBlock> blocks;  // in order; in streaming mode at most the first
    // Streaming only: the first position from which the text could still turn out to be (part
    // of) a call, e.g. an open ```tool_call fence, or a trailing "``" or "<tool". npos if none.
    std::size_t pendingAt = std::string_view::npos;
};

ReplyScan scanReply(std::string_view reply, const NameResolver& resolve, ScanMode mode);

}  // namespace claude_proxy::plugins
