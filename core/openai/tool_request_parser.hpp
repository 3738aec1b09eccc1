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

}  // namespace claude_proxy::openai
