#pragma once

#include <cstddef>
#include <limits>
#include <string_view>
#include <vector>

// Normalized text (normalizeForMatching) cut into the tokens the refusal detector reasons about.
namespace claude_proxy::plugins {

struct RefusalToken {
    std::string_view text;
    bool word = false;    // letters and digits, joined by inner ' - . ("real-time", "fs.readfile")
    bool fence = false;   // a run of three or more backticks
    bool code = false;    // inside a fenced block or `inline code`
    bool fenced = false;  // inside a fenced block
    bool quoted = false;  // inside "double quotes"
    // Ends a sentence: . ! ? ; (followed by space or the end), a fence, or "…".
    bool sentenceEnd = false;
};

struct RefusalTokens {
    std::vector<RefusalToken> tokens;
    std::size_t words = 0;   // word tokens, code included
    bool truncated = false;  // stopped after maxWords words or maxTokens tokens
};

// Tokens of `normalized`. Punctuation is one token per mark (a Unicode mark such as an em dash
// or a curly quote is one token too); whitespace, including Unicode spaces, separates tokens.
// Stops once more than `maxWords` words or `maxTokens` tokens were seen, so a caller that only
// cares about short replies never walks a long one (nor a short one made of punctuation).
RefusalTokens tokenizeForMatching(std::string_view normalized,
                                  std::size_t maxWords = std::numeric_limits<std::size_t>::max(),
                                  std::size_t maxTokens = std::numeric_limits<std::size_t>::max());

}  // namespace claude_proxy::plugins
