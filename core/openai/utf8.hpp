#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace claude_proxy::openai {

// True when `text` is well-formed UTF-8: shortest-form sequences only, no UTF-16 surrogate code
// points, nothing above U+10FFFF.
bool isValidUtf8(std::string_view text);

// `text` with every ill-formed byte sequence replaced by U+FFFD. Valid input is returned as is.
std::string sanitizeUtf8(std::string_view text);

// The longest prefix of `text` no longer than `maxBytes` that does not split a UTF-8 sequence.
std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes);

}  // namespace claude_proxy::openai
