#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

// Spotting false refusals: a model that was offered tools but answers that it has none, or
// cannot act. Matching is on normalized text (normalizeForMatching) against phrases written in
// a small template language: "{a|b|}" picks one alternative (an empty one is allowed), so
// "i {cannot|am unable to} browse" stands for two phrases. A phrase matches only at word
// boundaries. Templates are written in normalized form: lower case, "cannot", "do not",
// "i am", single spaces.
namespace claude_proxy::plugins {

// Lower-cased ASCII; curly and modifier apostrophes as "'"; markdown emphasis (*, _) dropped;
// every whitespace run as one space; contractions spelled out ("can't", "can not" -> "cannot",
// "won't" -> "will not", "n't" -> " not", "i'm" -> "i am", "i've" -> "i have"). Other bytes,
// including all non-ASCII text, are kept.
std::string normalizeForMatching(std::string_view text);

// Every phrase the templates stand for.
std::vector<std::string> expandPhrases(std::initializer_list<std::string_view> templates);

// Whether normalized `text` contains one of `phrases` at word boundaries.
bool containsPhrase(std::string_view normalizedText, const std::vector<std::string>& phrases);

// Phrases of models that claim to have no tools, no internet, no ability to run things.
const std::vector<std::string>& genericRefusalPhrases();

}  // namespace claude_proxy::plugins
