#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Small byte-level string helpers shared by the handler plugins. ASCII-only case handling:
// everything the protocol matches on (fence info strings, tags, JSON keys) is ASCII, and
// non-ASCII bytes are always passed through untouched.
namespace claude_proxy::plugins {

// Space, tab, CR, LF, form feed, vertical tab.
bool isSpace(char c);

// `c` in lower case when it is an ASCII capital, else unchanged.
char toLowerAscii(char c);

std::string lowerAscii(std::string_view text);

// `text` without leading / trailing / surrounding isSpace() characters.
std::string_view trimLeft(std::string_view text);
std::string_view trimRight(std::string_view text);
std::string_view trim(std::string_view text);

// True when `text` begins with `prefix`, ignoring ASCII case.
bool startsWithIgnoreCase(std::string_view text, std::string_view prefix);

// The length of the longest prefix of `text` that does not end inside a UTF-8 sequence: a
// trailing lead byte whose continuation bytes have not all arrived yet is excluded.
std::size_t completeUtf8Length(std::string_view text);

// The longest prefix of `text` of at most `maxBytes` bytes that does not split a UTF-8 sequence.
std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes);

}  // namespace claude_proxy::plugins
