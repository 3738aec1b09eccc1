#include "common/reply_scanner.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "common/json_scan.hpp"
#include "common/reply_syntax.hpp"
#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

using namespace reply_syntax;

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
