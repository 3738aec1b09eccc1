#include "common/text_util.hpp"

namespace claude_proxy::plugins {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

char toLowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = toLowerAscii(c);
    }
    return out;
}

std::string_view trimLeft(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size() && isSpace(text[begin])) {
        ++begin;
    }
    return text.substr(begin);
}

std::string_view trimRight(std::string_view text) {
    std::size_t end = text.size();
    while (end > 0 && isSpace(text[end - 1])) {
        --end;
    }
    return text.substr(0, end);
}

std::string_view trim(std::string_view text) {
    return trimRight(trimLeft(text));
}

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (toLowerAscii(text[i]) != toLowerAscii(prefix[i])) {
            return false;
        }
    }
    return true;
}

namespace {

bool isContinuation(unsigned char byte) {
    return (byte & 0xC0U) == 0x80U;
}

// How many bytes the sequence led by `lead` has (1 for ASCII and for stray bytes).
std::size_t sequenceLength(unsigned char lead) {
    if ((lead & 0xE0U) == 0xC0U) {
        return 2;
    }
    if ((lead & 0xF0U) == 0xE0U) {
        return 3;
    }
    if ((lead & 0xF8U) == 0xF0U) {
        return 4;
    }
    return 1;
}

}  // namespace

std::size_t completeUtf8Length(std::string_view text) {
    // Look back over at most three continuation bytes for the lead byte of the last sequence.
    std::size_t back = 0;
    while (back < 3 && back < text.size() &&
           isContinuation(static_cast<unsigned char>(text[text.size() - 1 - back]))) {
        ++back;
    }
    if (back == text.size()) {
        return text.size();  // only continuation bytes: nothing to wait for
    }
    const std::size_t leadAt = text.size() - 1 - back;
    const std::size_t need = sequenceLength(static_cast<unsigned char>(text[leadAt]));
    return need > back + 1 ? leadAt : text.size();
}

std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) {
        return text;
    }
    std::size_t end = maxBytes;
    while (end > 0 && isContinuation(static_cast<unsigned char>(text[end]))) {
        --end;
    }
    return text.substr(0, end);
}

}  // namespace claude_proxy::plugins
