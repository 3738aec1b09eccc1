#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_result.hpp"

namespace claude_proxy::streaming {

// One line of `claude --output-format stream-json --verbose --include-partial-messages`,
// reduced to what the proxy acts on (../shared/claude-cli.md §2).
struct CliStreamEvent {
    enum class Kind {
        Init,             // system/init: `model` is the resolved model id
        MessageStart,     // stream_event message_start: `model`, `usage` (input side)
        TextDelta,        // stream_event content_block_delta/text_delta: `text`
        ThinkingDelta,    // stream_event content_block_delta/thinking_delta: `text`
        MessageDelta,     // stream_event message_delta: `stopReason`, `usage.outputTokens`
        ThinkingTokens,   // system/thinking_tokens: the CLI's estimate so far in `thinkingTokens`
        ApiRetry,         // system/api_retry: the CLI is waiting to retry the upstream
        Abandoned,        // stream_event message_stop with abandoned_blocks: streamed text is void
        ToolUse,          // assistant line with native tool_use blocks: `toolUses`
        Result,           // the final result: `result`
        ControlResponse,  // the answer to a control request: `requestId`, `controlOk`
        Other,            // anything else, including types this version does not know
        Invalid,          // not a JSON object
    };
    Kind kind = Kind::Other;
    std::string text;
    std::string model;
    std::string stopReason;           // MessageDelta
    cli::CliUsage usage;              // MessageStart, MessageDelta: what the event reports
    std::int64_t thinkingTokens = 0;  // ThinkingTokens
    std::optional<cli::CliResult> result;
    struct ToolUse {
        std::string name;
        std::string inputJson;  // the block's `input` as compact JSON
    };
    std::vector<ToolUse> toolUses;
    std::string requestId;   // ControlResponse
    bool controlOk = false;  // ControlResponse: subtype "success"
};

// Classifies one NDJSON line. Events from sub-agents (non-null parent_tool_use_id) are Other.
// Pure.
CliStreamEvent parseStreamLine(std::string_view line);

}  // namespace claude_proxy::streaming
