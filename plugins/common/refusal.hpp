#pragma once

#include <string>
#include <string_view>

#include "common/refusal_classifier.hpp"
#include "common/refusal_phrases.hpp"

// Spotting false refusals: a model that was offered tools but answers that it has none, or
// cannot act. A handler normalizes the reply (normalizeForMatching) and asks assessRefusal
// (refusal_classifier.hpp) for a verdict; phrase templates (refusal_phrases.hpp) let a handler
// add wordings of its own. Everything here is pure and runs in time linear in the reply.
namespace claude_proxy::plugins {

// Lower-cased ASCII; curly and modifier apostrophes as "'"; markdown emphasis (*, _) dropped;
// every whitespace run as one space; contractions spelled out, also when the apostrophe was
// left out: "can't", "cant", "can not" -> "cannot", "won't" -> "will not", "n't" -> " not"
// ("don't", "dont" -> "do not"), "i'm" -> "i am", "i've" -> "i have", "i'd" -> "i would",
// "i'll" -> "i will", "that's", "there's", "it's", "what's", "here's" -> "… is". Other bytes,
// including all non-ASCII text, are kept.
std::string normalizeForMatching(std::string_view text);

}  // namespace claude_proxy::plugins
