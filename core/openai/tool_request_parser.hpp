#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "openai/tool_types.hpp"

namespace claude_proxy::openai {

// Reads the tool side of a request body: `tools` (function tools) or legacy `functions`,
// `tool_choice` or legacy `function_call`, and `parallel_tool_calls`. Throws ApiError 400
// naming the field for: a tool that is not a function tool, a missing or malformed name, a
// duplicate name, parameters that are not an object, a tool_choice naming a tool that is not
// offered, and a tool_choice of "required" or a named tool with no tools. Pure.
ToolRequest parseToolRequest(const rapidjson::Value& root);

// Reads the calls of an assistant message: `tool_calls` (and a legacy `function_call`).
// Each call needs function.name; function.arguments must be a string holding a JSON object
// (absent or empty means "{}"). `param` is the message's path, e.g. "messages[3]". Pure.
std::vector<ToolCallRecord> parseToolCalls(const rapidjson::Value& message,
                                           const std::string& param);

// True for the top-level fields parseToolRequest reads.
bool isToolField(const std::string& name);

// The Responses API's tool side: `tools` whose function entries are flat ({"type":"function",
// "name","description","parameters","strict"}), `tool_choice` ("auto", "none", "required" or
// {"type":"function","name"}) and `parallel_tool_calls`. A built-in tool type (web_search,
// file_search, computer_use_preview, …) is a 400 naming the tool. Same checks as
// parseToolRequest otherwise. Pure.
ToolRequest parseResponsesToolRequest(const rapidjson::Value& root);

// One call of a Responses `function_call` input item: `name` and `arguments` (a string holding
// a JSON object) read from `item`, with `id` as the call's id. `param` names the item. Pure.
ToolCallRecord parseFunctionCallItem(const rapidjson::Value& item, const std::string& param,
                                     std::string id);

}  // namespace claude_proxy::openai
