#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <claude_proxy/toolcall_handler.hpp>

#include "common/call_decoder.hpp"
#include "common/refusal_classifier.hpp"

namespace claude_proxy::plugins {

// The default tool-call handler ("generic"): the model calls a tool by writing
//
//     ```tool_call
//     {"name": "<tool>", "arguments": {…}}
//     ```
//
// and sees results as ```tool_result blocks. Replies are parsed with the common scanner
// (common/reply_scanner.hpp), which also accepts the usual near-misses of models. Stateless:
// every hook is safe to call from many threads at once.
//
// The protected virtuals are what a variant changes (EvonicHandler overrides each of them).
class GenericHandler : public sdk::BaseToolCallHandler {
  public:
    std::string renderInstructions(const sdk::ToolRequest& request) const override;
    std::string renderAssistantTurn(std::string_view content,
                                    const std::vector<sdk::ToolCall>& calls) const override;
    std::string renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                 std::string_view content) const override;
    sdk::ParsedReply parseReply(const sdk::ToolRequest& request,
                                std::string_view reply) const override;
    std::size_t safeContentLength(const sdk::ToolRequest& request,
                                  std::string_view replySoFar) const override;
    // The resumable form of safeContentLength (ReplyStreamScanner): the same answers, each
    // byte looked at about once.
    std::unique_ptr<sdk::StreamScanner> beginStream(const sdk::ToolRequest& request) const override;
    sdk::RefusalVerdict checkRefusal(const sdk::ToolRequest& request, std::string_view reply,
                                     bool lastTurnWasToolResult) const override;

  protected:
    // The offered tool's exact name for a name the model wrote, or nullopt. Generic: exact.
    virtual std::optional<std::string> resolveToolName(const sdk::ToolRequest& request,
                                                       std::string_view name) const;

    // Whether a reply (normalizeForMatching() applied) claims that the offered tools cannot be
    // used, with the score and the reasons. Generic: the shared detector, as it is.
    virtual RefusalAssessment assessReply(const sdk::ToolRequest& request,
                                          std::string_view normalizedReply) const;

    // The words of the nudge sent with the retry after a false refusal. renderNudge puts
    // them around an example call block and a closing line chosen by tool_choice.
    struct NudgeWording {
        std::string_view opening;    // before the example block
        std::string_view required;   // closing line when a call is required
        std::string_view otherwise;  // closing line under Auto
    };
    virtual NudgeWording nudgeWording() const;

    // The user turn sent with the retry after a false refusal.
    std::string renderNudge(const sdk::ToolRequest& request) const;

    NameResolver resolverFor(const sdk::ToolRequest& request) const;
};

}  // namespace claude_proxy::plugins
