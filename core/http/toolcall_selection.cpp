#include "http/toolcall_selection.hpp"

#include "openai/api_error.hpp"

namespace claude_proxy::http {
namespace {

constexpr const char* kHeader = "X-Toolcall-Module";

bool hasToolHistory(const openai::ChatRequest& chat) {
    for (const auto& message : chat.messages) {
        if (message.role == openai::Role::Tool || !message.toolCalls.empty()) {
            return true;
        }
    }
    return false;
}

std::string loadedNames(const ServerContext& context) {
    std::string names;
    for (const auto& name : context.handlers.names()) {
        names += (names.empty() ? "" : ", ") + name;
    }
    return names.empty() ? "(none)" : names;
}

}  // namespace

std::shared_ptr<const toolcall::ToolCallHandler> selectToolCallHandler(
    const Poco::Net::HTTPServerRequest& request, const openai::ChatRequest& chat,
    const ServerContext& context) {
    std::shared_ptr<const toolcall::ToolCallHandler> chosen;
    if (request.has(kHeader)) {
        const std::string& name = request.get(kHeader);
        chosen = context.handlers.find(name);
        if (!chosen) {
            throw openai::ApiError::invalidRequest(
                "Unknown tool-call module '" + name.substr(0, 64) +
                    "' in the X-Toolcall-Module header. Loaded modules: " + loadedNames(context) +
                    ".",
                std::nullopt, "unknown_toolcall_module");
        }
    }
    if (!chat.tools.active() && !hasToolHistory(chat)) {
        return nullptr;
    }
    if (!chosen) {
        chosen = context.handlers.find(context.defaultToolCallModule);
    }
    if (!chosen && chat.tools.active()) {
        throw openai::ApiError(
            503, "server_error", "toolcall_module_unavailable",
            "Tool calling needs the tool-call module '" + context.defaultToolCallModule +
                "', which is not loaded. Loaded modules: " + loadedNames(context) + ".");
    }
    return chosen;
}

}  // namespace claude_proxy::http
