#include "common/reply_scanner.hpp"

#include <array>
#include <optional>
#include <utility>

#include "common/json_scan.hpp"
#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

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

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && startsWithIgnoreCase(a, b);
}

FenceRole roleOf(std::string_view word) {
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
bool couldBecomeCallLike(std::string_view partial) {
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

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

std::size_t skipBlanks(std::string_view text, std::size_t pos, std::size_t end) {
    while (pos < end && isBlank(text[pos])) {
        ++pos;
    }
    return pos;
}

std::size_t skipSpace(std::string_view text, std::size_t pos) {
    while (pos < text.size() && isSpace(text[pos])) {
        ++pos;
    }
    return pos;
}

std::size_t countTicks(std::string_view text, std::size_t pos, std::size_t end) {
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

Line lineAt(std::string_view text, std::size_t begin) {
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

InfoWord infoWord(std::string_view info) {
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
std::size_t matchTag(std::string_view text, std::size_t pos, bool closing, bool& partial) {
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

class Scanner {
  public:
    Scanner(std::string_view reply, const NameResolver& resolve, ScanMode mode)
        : text_(reply), resolve_(resolve), streaming_(mode == ScanMode::Streaming) {}

    ReplyScan run() {
        std::size_t pos = 0;
        while (pos < text_.size() && !done()) {
            const bool atLineStart = pos == 0 || text_[pos - 1] == '\n';
            if (atLineStart) {
                if (const auto next = scanFence(pos)) {
                    pos = *next;
                    continue;
                }
                if (done()) {
                    break;
                }
            }
            pos = scanLineForTags(pos);
        }
        return std::move(result_);
    }

  private:
    bool done() const {
        return result_.pendingAt != kNpos || (streaming_ && !result_.blocks.empty());
    }

    void pending(std::size_t at) { result_.pendingAt = at; }

    void addBlock(std::size_t begin, std::size_t end, std::vector<sdk::ParsedCall> calls) {
        result_.blocks.push_back({begin, end, std::move(calls)});
    }

    // A fence opening at the line starting at `lineStart`: consumes it and returns where to
    // go on, or returns nullopt when the line is no fence opener (or scanning must stop).
    std::optional<std::size_t> scanFence(std::size_t lineStart) {
        const Line line = lineAt(text_, lineStart);
        const std::size_t at = skipBlanks(text_, lineStart, line.end);
        const std::size_t ticks = countTicks(text_, at, line.end);
        if (ticks < 3) {
            // "`" or "``" alone at the end of a growing text may become a fence.
            if (streaming_ && !line.complete && ticks > 0 && at + ticks == line.end) {
                pending(at);
            }
            return std::nullopt;
        }
        const std::string_view info = text_.substr(at + ticks, line.end - at - ticks);
        const InfoWord word = infoWord(info);
        if (streaming_ && !line.complete) {
            const bool decided = word.complete || !couldBecomeCallLike(word.word);
            if (!decided || roleOf(word.word) != FenceRole::Ordinary) {
                pending(at);
                return std::nullopt;
            }
            return text_.size();  // an ordinary fence still opening: all of it is content
        }
        const FenceRole role = roleOf(word.word);
        const std::size_t bodyStart = line.next();
        const auto closer = findCloser(bodyStart, ticks);
        if (closer) {
            if (role != FenceRole::Ordinary) {
                const std::string_view body = text_.substr(bodyStart, closer->begin - bodyStart);
                auto calls = decodeCalls(
                    body, role == FenceRole::Call ? DecodeMode::Lenient : DecodeMode::Strict,
                    resolve_);
                if (calls) {
                    addBlock(at, closer->end, std::move(*calls));
                }
            }
            return closer->next();
        }
        // No closing fence (yet).
        if (streaming_) {
            if (role != FenceRole::Ordinary) {
                pending(at);
                return std::nullopt;
            }
            return text_.size();
        }
        if (role == FenceRole::Call && bodyStart < text_.size()) {
            // The reply ended inside the block: a complete call still counts.
            std::string_view body = trimRight(text_.substr(bodyStart));
            while (!body.empty() && body.back() == '`') {
                body.remove_suffix(1);
            }
            if (auto calls = decodeCalls(body, DecodeMode::Lenient, resolve_)) {
                addBlock(at, text_.size(), std::move(*calls));
            }
        }
        return text_.size();  // an unterminated fence runs to the end of the reply
    }

    // The line that closes a fence of `ticks` backticks, searching from `from`.
    std::optional<Line> findCloser(std::size_t from, std::size_t ticks) const {
        std::size_t lineStart = from;
        while (lineStart < text_.size()) {
            const Line line = lineAt(text_, lineStart);
            if (!line.complete && streaming_) {
                return std::nullopt;  // "```" at the end may still grow into "```x"
            }
            const std::size_t at = skipBlanks(text_, lineStart, line.end);
            const std::size_t count = countTicks(text_, at, line.end);
            if (count >= ticks && trim(text_.substr(at + count, line.end - at - count)).empty()) {
                return line;
            }
            lineStart = line.next();
        }
        return std::nullopt;
    }

    // Looks for <tool_call> tags on the rest of the line from `pos`; returns where to go on.
    std::size_t scanLineForTags(std::size_t pos) {
        const Line line = lineAt(text_, pos);
        const std::string_view lineText = text_.substr(0, line.end);  // finds stay on the line
        for (std::size_t at = lineText.find('<', pos); at != kNpos;
             at = lineText.find('<', at + 1)) {
            if (const auto next = scanTag(at)) {
                return *next;
            }
            if (done()) {
                return text_.size();
            }
        }
        return line.next();
    }

    // A tag block at `at`: returns where to go on when it is a call, nullopt otherwise.
    std::optional<std::size_t> scanTag(std::size_t at) {
        bool partial = false;
        const std::size_t openLength = matchTag(text_, at, false, partial);
        if (openLength == 0) {
            if (partial && streaming_) {
                pending(at);
            }
            return std::nullopt;
        }
        const std::size_t bodyStart = at + openLength;
        std::size_t pos = skipSpace(text_, bodyStart);
        if (pos >= text_.size()) {
            if (streaming_) {
                pending(at);
            }
            return std::nullopt;
        }
        if (text_[pos] != '{' && text_[pos] != '[') {
            return std::nullopt;
        }
        while (true) {
            const BalanceScan scan = scanBalanced(text_, pos);
            if (scan.status == BalanceStatus::Incomplete && streaming_) {
                pending(at);
                return std::nullopt;
            }
            if (scan.status != BalanceStatus::Complete) {
                return std::nullopt;
            }
            pos = skipSpace(text_, scan.end);
            if (pos < text_.size() && text_[pos] == ',') {
                pos = skipSpace(text_, pos + 1);
            }
            if (pos < text_.size() && (text_[pos] == '{' || text_[pos] == '[')) {
                continue;  // several JSON values in one tag
            }
            break;
        }
        const std::size_t bodyEnd = pos;
        std::size_t blockEnd = kNpos;
        if (pos >= text_.size()) {
            if (streaming_) {
                pending(at);
                return std::nullopt;
            }
            blockEnd = text_.size();  // the reply ended before the closing tag
        } else {
            bool closePartial = false;
            const std::size_t closeLength = matchTag(text_, pos, true, closePartial);
            if (closeLength > 0) {
                blockEnd = pos + closeLength;
            } else if (closePartial) {
                if (streaming_) {
                    pending(at);
                    return std::nullopt;
                }
                blockEnd = text_.size();  // cut off inside the closing tag
            } else {
                return std::nullopt;
            }
        }
        auto calls = decodeCalls(text_.substr(bodyStart, bodyEnd - bodyStart), DecodeMode::Lenient,
                                 resolve_);
        if (!calls) {
            return std::nullopt;
        }
        addBlock(at, blockEnd, std::move(*calls));
        return blockEnd;
    }

    std::string_view text_;
    const NameResolver& resolve_;
    bool streaming_;
    ReplyScan result_;
};

}  // namespace

ReplyScan scanReply(std::string_view reply, const NameResolver& resolve, ScanMode mode) {
    return Scanner(reply, resolve, mode).run();
}

}  // namespace claude_proxy::plugins
