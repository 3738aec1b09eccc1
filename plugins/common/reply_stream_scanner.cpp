#include "common/reply_stream_scanner.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "common/json_scan.hpp"
#include "common/reply_syntax.hpp"
#include "common/text_util.hpp"

namespace claude_proxy::plugins {

using namespace reply_syntax;

// The streaming mode of Scanner as a state machine that stops at the end of the text and
// resumes there when more arrives. Each mode is one of Scanner's decisions in progress; where
// Scanner would report "pending" the machine waits, and frontier() is that pending position.
// Every decision is taken on the same bytes and by the same helpers as in Scanner.
class StreamMachine {
  public:
    explicit StreamMachine(NameResolver resolve) : resolve_(std::move(resolve)) {}

    std::size_t feed(std::string_view delta) {
        if (mode_ != Mode::Done) {
            text_.append(delta);
            while (step()) {
            }
        }
        return safeLength();
    }

    std::size_t work() const { return work_; }

  private:
    enum class Mode {
        LineStart,  // at the start of a line: blanks, then maybe the backticks of a fence
        FenceInfo,  // on a fence opener's line, after its backticks: the info word
        FenceBody,  // inside a fence, looking for its closing line
        LineText,   // on an ordinary line, looking for '<' and the line's end
        Tag,        // a '<' that may open a <tool_call> block
        Done,       // a call block was found: the answer is final
    };
    enum class TagPhase { Open, Space, Value, AfterValue, AfterComma, Close };

    std::size_t size() const { return text_.size(); }

    // One step from where the scan stopped; false when it needs more text (or is done).
    bool step() {
        switch (mode_) {
            case Mode::LineStart:
                return stepLineStart();
            case Mode::FenceInfo:
                return stepFenceInfo();
            case Mode::FenceBody:
                return stepFenceBody();
            case Mode::LineText:
                return stepLineText();
            case Mode::Tag:
                return stepTag();
            case Mode::Done:
                break;
        }
        return false;
    }

    void startLine(std::size_t at) {
        mode_ = Mode::LineStart;
        pos_ = at;
        ticksAt_ = kNpos;
        ticks_ = 0;
    }

    // Scanner::scanFence up to the end of the backtick run.
    bool stepLineStart() {
        while (pos_ < size()) {
            const char c = text_[pos_];
            ++work_;
            if (ticksAt_ == kNpos && isBlank(c)) {
                ++pos_;
                continue;
            }
            if (c == '`') {
                ticksAt_ = ticksAt_ == kNpos ? pos_ : ticksAt_;
                ++ticks_;
                ++pos_;
                continue;
            }
            if (ticks_ >= 3) {
                mode_ = Mode::FenceInfo;
                fenceAt_ = ticksAt_;
                fenceTicks_ = ticks_;
                wordStart_ = kNpos;
                wordEnd_ = kNpos;
            } else {
                mode_ = Mode::LineText;  // the blanks and ticks hold no '<'
            }
            return true;
        }
        return false;
    }

    // The rest of a fence opener's line: where its info word starts and ends.
    bool stepFenceInfo() {
        while (pos_ < size()) {
            const char c = text_[pos_];
            ++work_;
            if (c == '\n') {
                role_ = roleOf(infoWordSoFar(pos_));
                bodyStart_ = pos_ + 1;
                bodyLine_ = bodyStart_;
                pos_ = bodyStart_;
                mode_ = Mode::FenceBody;
                return true;
            }
            if (wordStart_ == kNpos) {
                wordStart_ = isSpace(c) ? kNpos : pos_;
            } else if (wordEnd_ == kNpos && isSpace(c)) {
                wordEnd_ = pos_;
            }
            ++pos_;
        }
        return false;
    }

    std::string_view infoWordSoFar(std::size_t lineEnd) const {
        if (wordStart_ == kNpos) {
            return {};
        }
        const std::size_t end = wordEnd_ == kNpos ? lineEnd : wordEnd_;
        return std::string_view(text_).substr(wordStart_, end - wordStart_);
    }

    // Scanner::scanFence on an unfinished opener line: pending unless the info word is known
    // to be an ordinary one.
    bool fenceInfoPending() const {
        const std::string_view word = infoWordSoFar(size());
        const bool decided = wordEnd_ != kNpos || !couldBecomeCallLike(word);
        return !decided || roleOf(word) != FenceRole::Ordinary;
    }

    // Scanner::findCloser, one complete line at a time.
    bool stepFenceBody() {
        while (pos_ < size()) {
            const std::size_t newline = text_.find('\n', pos_);
            if (newline == kNpos) {
                work_ += size() - pos_;
                pos_ = size();
                return false;
            }
            work_ += newline + 1 - pos_;
            pos_ = newline + 1;
            const std::size_t lineStart = bodyLine_;
            bodyLine_ = pos_;
            if (!closesFence(lineStart, newline)) {
                continue;
            }
            if (role_ != FenceRole::Ordinary &&
                decodesAsCalls(
                    bodyStart_, lineStart,
                    role_ == FenceRole::Call ? DecodeMode::Lenient : DecodeMode::Strict)) {
                finish(fenceAt_);
                return false;
            }
            startLine(pos_);
            return true;
        }
        return false;
    }

    bool closesFence(std::size_t begin, std::size_t end) {
        work_ += end - begin;
        const std::size_t at = skipBlanks(text_, begin, end);
        const std::size_t count = countTicks(text_, at, end);
        return count >= fenceTicks_ &&
               trim(std::string_view(text_).substr(at + count, end - at - count)).empty();
    }

    // Scanner::scanLineForTags.
    bool stepLineText() {
        while (pos_ < size()) {
            const char c = text_[pos_];
            ++work_;
            if (c == '\n') {
                startLine(pos_ + 1);
                return true;
            }
            if (c == '<') {
                mode_ = Mode::Tag;
                phase_ = TagPhase::Open;
                tagAt_ = pos_;
                return true;
            }
            ++pos_;
        }
        return false;
    }

    // Scanner::scanTag, phase by phase.
    bool stepTag() {
        switch (phase_) {
            case TagPhase::Open:
                return stepTagOpen();
            case TagPhase::Space:
                return stepTagSpace();
            case TagPhase::Value:
                return stepTagValue();
            case TagPhase::AfterValue:
            case TagPhase::AfterComma:
                return stepTagBetween();
            case TagPhase::Close:
                return stepTagClose();
        }
        return false;
    }

    // Not a call after all: on with the tag's line from the byte after its '<'.
    bool notATag() {
        mode_ = Mode::LineText;
        pos_ = tagAt_ + 1;
        return true;
    }

    // A tag is at most this long; matchTag looks at no more.
    static constexpr std::size_t kLongestTag = 16;

    bool stepTagOpen() {
        work_ += std::min(kLongestTag, size() - tagAt_);
        bool partial = false;
        const std::size_t length = matchTag(text_, tagAt_, false, partial);
        if (length == 0) {
            return partial ? false : notATag();
        }
        tagBody_ = tagAt_ + length;
        pos_ = tagBody_;
        phase_ = TagPhase::Space;
        return true;
    }

    static bool opensValue(char c) { return c == '{' || c == '['; }

    void beginValue() {
        phase_ = TagPhase::Value;
        open_.clear();
        inString_ = false;
        escaped_ = false;
    }

    bool skipSpaceHere() {
        while (pos_ < size() && isSpace(text_[pos_])) {
            ++pos_;
            ++work_;
        }
        return pos_ < size();
    }

    bool stepTagSpace() {
        if (!skipSpaceHere()) {
            return false;
        }
        if (!opensValue(text_[pos_])) {
            return notATag();
        }
        beginValue();
        return true;
    }

    // scanBalanced, resumable: the brackets still open and whether inside a string.
    bool stepTagValue() {
        while (pos_ < size()) {
            const char c = text_[pos_++];
            ++work_;
            if (inString_) {
                if (escaped_) {
                    escaped_ = false;
                } else if (c == '\\') {
                    escaped_ = true;
                } else if (c == '"') {
                    inString_ = false;
                }
                continue;
            }
            if (c == '"') {
                inString_ = true;
            } else if (c == '{' || c == '[') {
                if (open_.size() >= kMaxJsonDepth) {
                    return notATag();
                }
                open_.push_back(c == '{' ? '}' : ']');
            } else if (c == '}' || c == ']') {
                if (open_.empty() || open_.back() != c) {
                    return notATag();
                }
                open_.pop_back();
                if (open_.empty()) {
                    phase_ = TagPhase::AfterValue;
                    return true;
                }
            }
        }
        return false;
    }

    // Between values: spaces, at most one comma, then another value or the closing tag.
    bool stepTagBetween() {
        if (!skipSpaceHere()) {
            return false;
        }
        const char c = text_[pos_];
        if (phase_ == TagPhase::AfterValue && c == ',') {
            ++pos_;
            phase_ = TagPhase::AfterComma;
            return true;
        }
        if (opensValue(c)) {
            beginValue();
            return true;
        }
        phase_ = TagPhase::Close;
        return true;
    }

    bool stepTagClose() {
        work_ += std::min(kLongestTag, size() - pos_);
        bool partial = false;
        const std::size_t length = matchTag(text_, pos_, true, partial);
        if (length == 0) {
            return partial ? false : notATag();
        }
        if (decodesAsCalls(tagBody_, pos_, DecodeMode::Lenient)) {
            finish(tagAt_);
            return false;
        }
        return notATag();
    }

    bool decodesAsCalls(std::size_t begin, std::size_t end, DecodeMode mode) {
        work_ += end - begin;
        return decodeCalls(std::string_view(text_).substr(begin, end - begin), mode, resolve_)
            .has_value();
    }

    void finish(std::size_t blockAt) {
        mode_ = Mode::Done;
        blockAt_ = blockAt;
    }

    // Where the text stops being certain content: Scanner's pending position or first block,
    // or the end. Never moves back: everything before it has been decided.
    std::size_t frontier() const {
        switch (mode_) {
            case Mode::LineStart:
                return ticksAt_ != kNpos ? ticksAt_ : size();  // "`", "``" or "```" so far
            case Mode::FenceInfo:
                return fenceInfoPending() ? fenceAt_ : size();
            case Mode::FenceBody:
                return role_ != FenceRole::Ordinary ? fenceAt_ : size();
            case Mode::LineText:
                return size();
            case Mode::Tag:
                return tagAt_;
            case Mode::Done:
                return blockAt_;
        }
        return size();
    }

    // safeProtocolPrefix's trimming, kept up to date as the frontier advances: the trailing
    // whitespace before the frontier is looked at only between the old and the new frontier.
    std::size_t safeLength() {
        const std::size_t stop = frontier();
        if (stop > trimmedTo_) {
            std::size_t end = stop;
            while (end > trimmedTo_ && isSpace(text_[end - 1])) {
                --end;
                ++work_;
            }
            if (end > trimmedTo_) {
                contentEnd_ = end;
            }
            trimmedTo_ = stop;
            safe_ = completeUtf8Length(std::string_view(text_).substr(0, contentEnd_));
        }
        if (mode_ == Mode::Done) {
            std::string().swap(text_);  // the answer is final: the text is no longer needed
        }
        return safe_;
    }

    NameResolver resolve_;
    std::string text_;  // everything fed (until Done)
    std::size_t work_ = 0;
    Mode mode_ = Mode::LineStart;
    std::size_t pos_ = 0;  // the next byte to look at (Close: where the closing tag must be)
    // LineStart
    std::size_t ticksAt_ = kNpos;
    std::size_t ticks_ = 0;
    // FenceInfo, FenceBody
    std::size_t fenceAt_ = 0;
    std::size_t fenceTicks_ = 0;
    std::size_t wordStart_ = kNpos;
    std::size_t wordEnd_ = kNpos;
    FenceRole role_ = FenceRole::Ordinary;
    std::size_t bodyStart_ = 0;
    std::size_t bodyLine_ = 0;  // the start of the body line not yet complete
    // Tag
    TagPhase phase_ = TagPhase::Open;
    std::size_t tagAt_ = 0;
    std::size_t tagBody_ = 0;
    std::string open_;  // the closing bracket each open level expects
    bool inString_ = false;
    bool escaped_ = false;
    // Done
    std::size_t blockAt_ = 0;
    // safeLength
    std::size_t trimmedTo_ = 0;   // the frontier the trimming has seen
    std::size_t contentEnd_ = 0;  // one past the last non-space byte before it
    std::size_t safe_ = 0;
};

ReplyStreamScanner::ReplyStreamScanner(NameResolver resolve)
    : machine_(std::make_unique<StreamMachine>(std::move(resolve))) {}

ReplyStreamScanner::~ReplyStreamScanner() = default;

std::size_t ReplyStreamScanner::feed(std::string_view delta) {
    return machine_->feed(delta);
}

std::size_t ReplyStreamScanner::work() const {
    return machine_->work();
}

}  // namespace claude_proxy::plugins
