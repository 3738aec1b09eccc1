#include "toolcall/tool_history.hpp"

#include <map>

namespace claude_proxy::toolcall {

using openai::Role;

std::vector<openai::ChatMessage> renderToolHistory(const std::vector<openai::ChatMessage>& messages,
                                                   const ToolCallHandler& handler) {
    std::map<std::string, std::string> nameOfCall;
    std::vector<openai::ChatMessage> out;
    out.reserve(messages.size());
    for (const auto& message : messages) {
        openai::ChatMessage rendered = message;
        if (message.role == Role::Assistant && !message.toolCalls.empty()) {
            for (const auto& call : message.toolCalls) {
                nameOfCall[call.id] = call.name;
            }
            rendered.content = handler.renderAssistantTurn(message.content, message.toolCalls);
            rendered.toolCalls.clear();
        } else if (message.role == Role::Tool) {
            std::string name = message.name;
            if (const auto found = nameOfCall.find(message.toolCallId);
                name.empty() && found != nameOfCall.end()) {
                name = found->second;
            }
            rendered.content = handler.renderToolResult(message.toolCallId, name, message.content);
        }
        out.push_back(std::move(rendered));
    }
    return out;
}

bool endsWithToolResult(const std::vector<openai::ChatMessage>& messages) {
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        if (it->role == Role::System || it->role == Role::Developer) {
            continue;
        }
        return it->role == Role::Tool;
    }
    return false;
}

}  // namespace claude_proxy::toolcall
