#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace claude_proxy::openai {

// `prefix` followed by `length` random letters and digits ("chatcmpl-…", "call_…"), from a
// per-thread generator. Unique enough to tell responses and calls apart; not a secret.
std::string randomId(std::string_view prefix, std::size_t length = 24);

}  // namespace claude_proxy::openai
