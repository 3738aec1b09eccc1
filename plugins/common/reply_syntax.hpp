#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "common/text_util.hpp"

// The lexical pieces of a model reply that both reply scanners (the complete one in
// reply_scanner.cpp and the resumable streaming one in reply_stream_scanner.cpp) decide on:
// fence lines and their info words, backtick runs, <tool_call>-style tags. Sharing them is what
// keeps the two scanners' decisions the same. Internal to plugins/common; pure.
namespace claude_proxy::plugins::reply_syntax {

constexpr std::size_t kNpos = std::string_view::npos;

// Info words of fences that are explicit calls (ASCII case is ignored everywhere).
constexpr std::array<std::string_view, 10> kCallInfoWords = {
    "tool_call", "tool-call", "toolcall",      "tool_calls",    "tool-calls",
    "toolcalls", "tool_use",  "function_call", "function-call", "functioncall"};
// Info words of fences that may hold a call but are normally just content.
constexpr std::array<std::string_view, 2> kCandidateInfoWords = {"", "json"};
// Tag names of <tool_call>-style blocks.
constexpr std::array<std::string_view, 4> kTagNames = {"tool_call", "tool-call", "toolcall",
                                                       "function_call"};

enum class FenceRole { Call, Candidate, Ordinary };

inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && startsWithIgnoreCase(a, b);
}

inline FenceRole roleOf(std::string_view word) {
    for (const auto candidate : kCallInfoWords) {
        if (equalsIgnoreCase(word, candidate)) {
            return FenceRole::Call;
        }
    }
    for (const auto candidate : kCandidateInfoWords) {
        if (equalsIgnoreCase(word, candidate)) {
            return FenceRole::Candidate;
        }
    }
    return FenceRole::Ordinary;
}

// Whether an info word still being written could end up as a call or candidate word.
inline bool couldBecomeCallLike(std::string_view partial) {
    for (const auto word : kCallInfoWords) {
        if (startsWithIgnoreCase(word, partial)) {
            return true;
        }
    }
    for (const auto word : kCandidateInfoWords) {
        if (startsWithIgnoreCase(word, partial)) {
            return true;
        }
    }
    return false;
}

inline bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

inline std::size_t skipBlanks(std::string_view text, std::size_t pos, std::size_t end) {
    while (pos < end && isBlank(text[pos])) {
        ++pos;
    }
    return pos;
}

inline std::size_t skipSpace(std::string_view text, std::size_t pos) {
    while (pos < text.size() && isSpace(text[pos])) {
        ++pos;
    }
    return pos;
}

inline std::size_t countTicks(std::string_view text, std::size_t pos, std::size_t end) {
    std::size_t count = 0;
    while (pos + count < end && text[pos + count] == '`') {
        ++count;
    }
    return count;
}

struct Line {
    std::size_t begin = 0;
    std::size_t end = 0;    // the '\n' or the end of the text
    bool complete = false;  // ends with '\n'
    std::size_t next() const { return complete ? end + 1 : end; }
};

inline Line lineAt(std::string_view text, std::size_t begin) {
    const std::size_t newline = text.find('\n', begin);
    if (newline == kNpos) {
        return {begin, text.size(), false};
    }
    return {begin, newline, true};
}

// The first word of a fence's info string, and whether a blank follows it (then the word is
// complete even on an unfinished line).
struct InfoWord {
    std::string_view word;
    bool complete = false;
};

inline InfoWord infoWord(std::string_view info) {
    const std::string_view text = trimLeft(info);
    std::size_t end = 0;
    while (end < text.size() && !isSpace(text[end])) {
        ++end;
    }
    return {text.substr(0, end), end < text.size()};
}

// The length of the opening ("<name>") or closing ("</name>") tag of the tool_call family at
// `pos` (ASCII case ignored), or 0; sets `partial` when the text ends inside what could still
// become one.
inline std::size_t matchTag(std::string_view text, std::size_t pos, bool closing, bool& partial) {
    partial = false;
    const std::string_view rest = text.substr(pos);
    const std::string_view open = closing ? "</" : "<";
    if (!startsWithIgnoreCase(open, rest.substr(0, open.size()))) {
        return 0;
    }
    if (rest.size() <= open.size()) {
        partial = true;
        return 0;
    }
    const std::string_view afterOpen = rest.substr(open.size());
    for (const auto name : kTagNames) {
        if (startsWithIgnoreCase(afterOpen, name)) {
            if (afterOpen.size() == name.size()) {
                partial = true;
            } else if (afterOpen[name.size()] == '>') {
                return open.size() + name.size() + 1;
            }
        } else if (afterOpen.size() < name.size() && startsWithIgnoreCase(name, afterOpen)) {
            partial = true;
        }
    }
    return 0;
}

}  // namespace claude_proxy::plugins::reply_syntax
