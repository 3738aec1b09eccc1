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

// The scan of one streamed reply, from ToolCallHandler::beginStream: fed each text delta of
// that reply in order, it says how much of the text may go to the client. Used by one thread
// at a time (the one draining the CLI's output). Must not outlive the handler that made it nor
// the request it was made for. Destroying it ends the scan (the module's stream_end).
class ToolStreamScan {
  public:
    virtual ~ToolStreamScan() = default;

    // The next delta (copied as needed; may be empty). Returns how many leading bytes of the
    // reply so far (every delta fed, concatenated) are content that can be sent now: never
    // fewer than the previous answer, never more than the bytes fed. It may end inside a UTF-8
    // sequence when the module says so: whoever cuts the text into chunks steps back.
    // Throws HandlerError when the module fails; then feed no more.
    virtual std::size_t feed(std::string_view delta) = 0;
};

// The host's view of one loaded tool-call handler plugin: each method converts to the C ABI
// (sdk/include/claude_proxy/toolcall_abi.h), calls the hook, and converts back. Holds the
// shared library loaded for as long as the object (or any shared_ptr to it) lives. Every
// method is safe to call from many request threads at once. Failing hooks throw HandlerError.
// (The scans beginStream makes are not: each belongs to one stream.)
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
    // Of the whole reply so far, the bytes that are content whatever follows (clamped to the
    // text, never ending inside a UTF-8 sequence). A stream uses beginStream instead.
    virtual std::size_t safeContentLength(const openai::ToolRequest& request,
                                          std::string_view replySoFar) const = 0;
    // Starts the scan of one streamed reply (a retry is a new reply: a new scan). `request`
    // must outlive the scan and stay unchanged. Resumable (each byte looked at about once) for
    // modules with the ABI 1.1 stream hooks; for older ones it rescans the text per delta.
    virtual std::unique_ptr<ToolStreamScan> beginStream(
        const openai::ToolRequest& request) const = 0;
    virtual RefusalCheck checkRefusal(const openai::ToolRequest& request, std::string_view reply,
                                      bool lastTurnWasToolResult) const = 0;
};

}  // namespace claude_proxy::toolcall
