#pragma once

#include <vector>

#include "openai/chat_request.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::toolcall {

// The messages with their tool history written in the handler's protocol: an assistant turn's
// calls become handler.renderAssistantTurn(content, calls), a tool result becomes
// handler.renderToolResult(id, name, content) (the name found from the call with that id when
// the message has none). Other messages are unchanged. Throws HandlerError.
std::vector<openai::ChatMessage> renderToolHistory(const std::vector<openai::ChatMessage>& messages,
                                                   const ToolCallHandler& handler);

// True when the last non-system message is a tool result (then a plain answer is expected).
bool endsWithToolResult(const std::vector<openai::ChatMessage>& messages);

}  // namespace claude_proxy::toolcall
