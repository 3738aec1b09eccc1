#include "common/refusal_tokens.hpp"

#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

// Inline code and quotes are short. An unbalanced backtick or quote mark (a 5" screen) must not
// hide the rest of the reply, so either ends by itself after this many words.
constexpr std::size_t kMaxSpanWords = 40;

bool isAsciiWordByte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

enum class UnicodeKind { None, Space, Mark };

struct UnicodeSequence {
    UnicodeKind kind = UnicodeKind::None;
    std::size_t length = 0;
};

// Unicode spaces and punctuation that would otherwise glue to the neighbouring word: no-break
// space, the General Punctuation block (dashes, curly quotes, ellipsis, bullets), guillemets,
// ideographic space and full stop.
UnicodeSequence unicodePunctuation(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t offset) {
        return at + offset < text.size() ? static_cast<unsigned char>(text[at + offset]) : 0U;
    };
    const unsigned lead = byte(0);
    if (lead == 0xC2U) {
        if (byte(1) == 0xA0U) {
            return {UnicodeKind::Space, 2};
        }
        if (byte(1) == 0xABU || byte(1) == 0xBBU) {
            return {UnicodeKind::Mark, 2};
        }
    } else if (lead == 0xE2U && byte(1) == 0x80U && byte(2) >= 0x80U && byte(2) <= 0xBFU) {
        const bool space = byte(2) <= 0x8BU || byte(2) == 0xAFU;
        return {space ? UnicodeKind::Space : UnicodeKind::Mark, 3};
    } else if (lead == 0xE3U && byte(1) == 0x80U) {
        if (byte(2) == 0x80U) {
            return {UnicodeKind::Space, 3};
        }
        if (byte(2) == 0x81U || byte(2) == 0x82U) {
            return {UnicodeKind::Mark, 3};
        }
    }
    return {};
}

bool isWordByteAt(std::string_view text, std::size_t at) {
    const char c = text[at];
    if (isAsciiWordByte(c)) {
        return true;
    }
    return static_cast<unsigned char>(c) >= 0x80U &&
           unicodePunctuation(text, at).kind == UnicodeKind::None;
}

bool isJoiner(char c) {
    return c == '\'' || c == '-' || c == '.';
}

class Tokenizer {
  public:
    Tokenizer(std::string_view text, std::size_t maxWords, std::size_t maxTokens)
        : text_(text), maxWords_(maxWords), maxTokens_(maxTokens) {}

    RefusalTokens run() {
        std::size_t i = 0;
        while (i < text_.size() && !out_.truncated) {
            i = step(i);
            out_.truncated = out_.truncated || out_.tokens.size() > maxTokens_;
        }
        return std::move(out_);
    }

  private:
    // Reads the token (or the space) at `i`; returns where the next one starts.
    std::size_t step(std::size_t i) {
        const char c = text_[i];
        if (isSpace(c)) {
            return i + 1;
        }
        if (const UnicodeSequence unicode = unicodePunctuation(text_, i);
            unicode.kind != UnicodeKind::None) {
            if (unicode.kind == UnicodeKind::Mark) {
                // U+2026 (ellipsis) and U+3002 (ideographic full stop) end a sentence.
                const std::string_view mark = text_.substr(i, unicode.length);
                emit(mark, false, mark == "\xe2\x80\xa6" || mark == "\xe3\x80\x82");
            }
            return i + unicode.length;
        }
        if (c == '`') {
            return backticks(i);
        }
        if (isWordByteAt(text_, i)) {
            return word(i);
        }
        const bool nextIsWord = i + 1 < text_.size() && isWordByteAt(text_, i + 1);
        const bool ends = c == '!' || c == '?' || c == ';' || (c == '.' && !nextIsWord);
        if (c == '"' && !inFence_ && !inInline_) {
            inQuote_ = !inQuote_;
            spanWords_ = 0;
        }
        emit(text_.substr(i, 1), false, ends);
        return i + 1;
    }

    std::size_t backticks(std::size_t i) {
        std::size_t end = i;
        while (end < text_.size() && text_[end] == '`') {
            ++end;
        }
        if (end - i >= 3) {
            inFence_ = !inFence_;
            inInline_ = false;
            inQuote_ = false;
            RefusalToken token;
            token.text = text_.substr(i, end - i);
            token.fence = true;
            token.code = true;
            token.fenced = true;
            token.sentenceEnd = true;
            out_.tokens.push_back(token);
        } else if (!inFence_) {
            inInline_ = !inInline_;
            spanWords_ = 0;
        }
        return end;
    }

    std::size_t word(std::size_t i) {
        std::size_t end = i + 1;
        while (end < text_.size()) {
            if (isWordByteAt(text_, end)) {
                ++end;
            } else if (isJoiner(text_[end]) && end + 1 < text_.size() &&
                       isWordByteAt(text_, end + 1)) {
                end += 2;
            } else {
                break;
            }
        }
        emit(text_.substr(i, end - i), true, false);
        ++out_.words;
        if (out_.words > maxWords_) {
            out_.truncated = true;
        }
        if ((inInline_ || inQuote_) && ++spanWords_ > kMaxSpanWords) {
            inInline_ = false;
            inQuote_ = false;
        }
        return end;
    }

    void emit(std::string_view text, bool isWord, bool sentenceEnd) {
        RefusalToken token;
        token.text = text;
        token.word = isWord;
        token.code = inFence_ || inInline_;
        token.fenced = inFence_;
        token.quoted = inQuote_;
        token.sentenceEnd = sentenceEnd && !inFence_;
        out_.tokens.push_back(token);
    }

    std::string_view text_;
    std::size_t maxWords_;
    std::size_t maxTokens_;
    RefusalTokens out_;
    bool inFence_ = false;
    bool inInline_ = false;
    bool inQuote_ = false;
    std::size_t spanWords_ = 0;
};

}  // namespace

RefusalTokens tokenizeForMatching(std::string_view normalized, std::size_t maxWords,
                                  std::size_t maxTokens) {
    return Tokenizer(normalized, maxWords, maxTokens).run();
}

}  // namespace claude_proxy::plugins
