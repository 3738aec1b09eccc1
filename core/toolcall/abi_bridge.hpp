#pragma once

// Host-side helpers for crossing the plugin C ABI (sdk/include/claude_proxy/toolcall_abi.h):
// views of host strings as cp_str, a cp_tool_request over an openai::ToolRequest, and the
// sinks hooks write their output into. Nothing here throws across the ABI: the sink callbacks
// catch everything and record it as a fault the caller reports after the hook returns.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claude_proxy/toolcall_abi.h"
#include "openai/tool_types.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::toolcall {

// A view of host memory; valid while `text` is.
inline cp_str cStr(std::string_view text) {
    return cp_str{text.data(), text.size()};
}

// A view of module memory; valid only as long as the module says (e.g. until the hook returns).
// data == NULL reads as empty.
inline std::string_view view(cp_str text) {
    return text.data == nullptr ? std::string_view() : std::string_view(text.data, text.size);
}

// `text` made safe for a one-line log or error message: ill-formed UTF-8 replaced, control
// characters (newlines included) turned into spaces, surrounding spaces trimmed, and cut to
// `maxBytes` (on a character boundary, marked with "...").
std::string oneLine(std::string_view text, std::size_t maxBytes = 512);

// What the host makes of a module's safe_content_length answer for `text`: at most the text's
// length, and moved back to the start of a character when it would split a UTF-8 sequence.
// Keeps a growing answer non-decreasing.
std::size_t clampSafeLength(std::string_view text, std::uint64_t length);

// The next safe length of a stream from a module's `answer`, after `previous` with `fed` bytes
// of text so far: cut to `fed`, and never below `previous` (a shrinking answer is held).
inline std::uint64_t advanceSafeLength(std::uint64_t previous, std::uint64_t answer,
                                       std::uint64_t fed) {
    const std::uint64_t bounded = answer < fed ? answer : fed;
    return bounded > previous ? bounded : previous;
}

// The C view of a request's tools, for one hook call or for one stream scan. Points into
// `request`, which must outlive this object; neither may change while a module can see it.
class CToolRequest {
  public:
    explicit CToolRequest(const openai::ToolRequest& request);
    CToolRequest(const CToolRequest&) = delete;
    CToolRequest& operator=(const CToolRequest&) = delete;

    const cp_tool_request* get() const { return &request_; }

  private:
    std::vector<cp_tool> tools_;
    cp_tool_request request_{};
};

// The C view of earlier tool calls; points into `calls`, which must outlive this object.
std::vector<cp_tool_call> cToolCalls(const std::vector<openai::ToolCallRecord>& calls);

// Collects what a hook writes to a cp_text_sink. `fault` is set when an append failed (out of
// memory, or a NULL pointer with a non-zero size); the text is then incomplete.
struct TextBuffer {
    std::string text;
    std::string fault;

    // A sink appending to this buffer; valid while the buffer lives.
    cp_text_sink sink();
};

// Collects what parse_reply writes to its cp_reply_sink.
struct ReplyBuffer {
    ParsedReply reply;
    std::string fault;

    cp_reply_sink sink();
};

}  // namespace claude_proxy::toolcall
