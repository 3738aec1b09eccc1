#include "common/json_scan.hpp"

#include <string>

namespace claude_proxy::plugins {

BalanceScan scanBalanced(std::string_view text, std::size_t start, std::size_t maxDepth) {
    if (start >= text.size() || (text[start] != '{' && text[start] != '[')) {
        return {BalanceStatus::Invalid, start};
    }
    std::string open;  // the closing bracket each open level expects
    bool inString = false;
    bool escaped = false;
    for (std::size_t pos = start; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
            case '"':
                inString = true;
                break;
            case '{':
            case '[':
                if (open.size() >= maxDepth) {
                    return {BalanceStatus::Invalid, pos};
                }
                open.push_back(c == '{' ? '}' : ']');
                break;
            case '}':
            case ']':
                if (open.back() != c) {
                    return {BalanceStatus::Invalid, pos};
                }
                open.pop_back();
                if (open.empty()) {
                    return {BalanceStatus::Complete, pos + 1};
                }
                break;
            default:
                break;
        }
    }
    return {BalanceStatus::Incomplete, text.size()};
}

}  // namespace claude_proxy::plugins
