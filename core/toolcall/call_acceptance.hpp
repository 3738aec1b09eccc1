#pragma once

#include <functional>
#include <string>
#include <vector>

#include "openai/tool_types.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::toolcall {

struct AcceptedCalls {
    std::vector<openai::ToolCallRecord> calls;  // with ids, arguments as compact JSON objects
    std::vector<std::string> rejected;          // one line per dropped candidate, for the log
};

// The host's own check of the calls a handler (or a native tool_use block) produced, whatever
// the handler: the name must be an offered tool (with a named tool_choice: that tool), the
// arguments a JSON object ("" means {}); without parallel_tool_calls only the first valid call
// is kept. Each accepted call gets an id from `makeId`. Pure apart from makeId.
AcceptedCalls acceptCalls(const openai::ToolRequest& request,
                          const std::vector<ParsedCall>& candidates,
                          const std::function<std::string()>& makeId);

// "call_" followed by 24 random letters and digits.
std::string makeToolCallId();

}  // namespace claude_proxy::toolcall
