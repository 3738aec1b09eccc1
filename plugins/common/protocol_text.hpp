#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <claude_proxy/toolcall_handler.hpp>

// The text side of the fenced tool_call protocol: the pieces of the instructions, and how
// earlier calls and results are written into the transcript. Handlers assemble their own
// instructions from these pieces.
//
// A call, as the model is taught to write it and as history shows it:
//
//     ```tool_call
//     {"name": "get_weather", "arguments": {"city": "Paris"}}
//     ```
//
// A result, as history shows it (the fence grows when the output holds a backtick run):
//
//     ```tool_result
//     {"tool_call_id": "call_1", "name": "get_weather"}
//     18°C, light rain
//     ```
namespace claude_proxy::plugins {

// "### name\n<description>\nParameters (JSON Schema): {...}" for every offered tool.
std::string renderFullCatalog(const sdk::ToolRequest& request);

// One line per tool: "- name(a: string, b?: integer): first sentence of the description".
std::string renderCompactCatalog(const sdk::ToolRequest& request, std::size_t sentenceBytes);

// The calling rules: the block format with an example for one of the offered tools, one or
// several blocks (parallelToolCalls), stop after the calls, what results look like, and the
// tool_choice rule.
std::string renderCallingRules(const sdk::ToolRequest& request);

// What tool_choice asks of this reply, as one sentence.
std::string renderChoiceRule(const sdk::ToolRequest& request);

// One ```tool_call block (no trailing line break). Arguments that are a JSON object are
// embedded compactly; anything else is embedded as a JSON string so the block stays JSON.
std::string renderCallBlock(std::string_view name, std::string_view argumentsJson);

// An assistant turn: the content (if any), a blank line, then one block per call.
std::string renderCallTurn(std::string_view content, const std::vector<sdk::ToolCall>& calls);

// One ```tool_result block holding the call's id and name, then the output.
std::string renderResultBlock(std::string_view toolCallId, std::string_view toolName,
                              std::string_view content);

// A one-line example call for the nudge and the rules: the named tool under ToolChoice::Named,
// else the first offered tool.
std::string exampleCall(const sdk::ToolRequest& request);

}  // namespace claude_proxy::plugins
