#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <claude_proxy/toolcall_handler.hpp>

// Turns the JSON body of one candidate block into tool calls, or says it is not a call.
namespace claude_proxy::plugins {

// Maps a tool name as the model wrote it to the offered tool's exact name, or nullopt when no
// offered tool matches. The generic handler matches exactly; evonic also forgives '.'/'_' swaps.
using NameResolver = std::function<std::optional<std::string>(std::string_view)>;

enum class DecodeMode {
    // The body of an explicit call block (```tool_call fence, <tool_call> tag). Accepted: one
    // or more JSON values separated by whitespace or commas; each an object or an array of
    // objects; {"tool_calls": [...]} wrappers; "arguments" / "parameters" / "input" / "args";
    // missing, null or "" arguments as {}; extra keys; raw line breaks inside strings.
    Lenient,
    // The body of an ordinary ```json or untagged fence, which is normally just content: only
    // exactly one call object (or an array of them) with a "name" and exactly one of
    // "arguments" / "parameters" / "input" and no other keys than "id" and "type" counts.
    Strict,
};

// The calls in `body`, in order; nullopt unless the body is entirely calls and every one of
// them names a tool `resolve` accepts and has arguments that are (or encode) a JSON object.
// Arguments come back as compact JSON object text.
std::optional<std::vector<sdk::ParsedCall>> decodeCalls(std::string_view body, DecodeMode mode,
                                                        const NameResolver& resolve);

}  // namespace claude_proxy::plugins
