#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "openai/tool_types.hpp"

namespace claude_proxy::toolcall {

// A call the handler found in a reply, before the host validates it and gives it an id.
struct ParsedCall {
    std::string name;
    std::string argumentsJson;
};

struct ParsedReply {
    std::string content;
    std::vector<ParsedCall> calls;
};

struct RefusalCheck {
    bool isRefusal = false;
    std::string nudge;
};

// A hook of a plugin failed (it returned an error or threw). The message names the module.
class HandlerError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The host's view of one loaded tool-call handler plugin: each method converts to the C ABI
// (sdk/include/claude_proxy/toolcall_abi.h), calls the hook, and converts back. Holds the
// shared library loaded for as long as the object (or any shared_ptr to it) lives. Every
// method is safe to call from many request threads at once. Failing hooks throw HandlerError.
class ToolCallHandler {
  public:
    virtual ~ToolCallHandler() = default;

    virtual const std::string& name() const = 0;
    virtual const std::string& version() const = 0;
    virtual const std::string& description() const = 0;
    virtual const std::string& path() const = 0;  // the .so it came from

    virtual std::string renderInstructions(const openai::ToolRequest& request) const = 0;
    virtual std::string renderAssistantTurn(
        std::string_view content, const std::vector<openai::ToolCallRecord>& calls) const = 0;
    virtual std::string renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                         std::string_view content) const = 0;
    virtual ParsedReply parseReply(const openai::ToolRequest& request,
                                   std::string_view reply) const = 0;
    virtual std::size_t safeContentLength(const openai::ToolRequest& request,
                                          std::string_view replySoFar) const = 0;
    virtual RefusalCheck checkRefusal(const openai::ToolRequest& request, std::string_view reply,
                                      bool lastTurnWasToolResult) const = 0;
};

}  // namespace claude_proxy::toolcall
