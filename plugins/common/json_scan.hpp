#pragma once

#include <cstddef>
#include <string_view>

// Finds where a JSON object or array ends without parsing it: brackets are counted outside
// strings, string escapes are honoured. This is how a reply is searched for calls; it never
// trusts a regular expression to find the end of nested JSON. Whether the text between the
// brackets is valid JSON is decided afterwards (json_text.hpp).
namespace claude_proxy::plugins {

// Deeper nesting than this is treated as not-a-call: no tool takes arguments nested that deep,
// and it bounds the work on hostile input.
inline constexpr std::size_t kMaxJsonDepth = 64;

enum class BalanceStatus {
    Complete,    // the value closes; `end` is one past its closing bracket
    Incomplete,  // the text ends before the value closes (more text could complete it)
    Invalid,     // no '{' / '[' at `start`, a mismatched closing bracket, or too deep
};

struct BalanceScan {
    BalanceStatus status = BalanceStatus::Invalid;
    std::size_t end = 0;
};

// Scans the object or array that begins at text[start].
BalanceScan scanBalanced(std::string_view text, std::size_t start,
                         std::size_t maxDepth = kMaxJsonDepth);

}  // namespace claude_proxy::plugins
