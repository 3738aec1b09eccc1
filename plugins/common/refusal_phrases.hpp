#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "common/refusal_tokens.hpp"

// Phrases written in a small template language: "{a|b}" picks one alternative (an empty one is
// allowed), so "i {cannot|am unable to} browse" stands for two phrases. Templates are written in
// normalized form (lower case, "cannot", "do not", "i am") and are matched token by token, so a
// phrase matches only at word boundaries and spacing never matters.
namespace claude_proxy::plugins {

// Every phrase the templates stand for.
std::vector<std::string> expandPhrases(std::initializer_list<std::string_view> templates);

// A set of templates compiled for matching. Matching never expands the templates: each is a
// sequence of groups of token sequences, tried from one start token with a little backtracking,
// so the cost per start token is bounded by the templates, not by the text.
class PhraseMatcher {
  public:
    PhraseMatcher() = default;
    explicit PhraseMatcher(std::initializer_list<std::string_view> templates);
    // Literal phrases (no template syntax).
    explicit PhraseMatcher(const std::vector<std::string>& phrases);

    // One past the last token of the longest match that starts at tokens[at], or 0 when none
    // does.
    std::size_t matchEnd(const std::vector<RefusalToken>& tokens, std::size_t at) const;

    // Whether any phrase occurs anywhere in the tokens.
    bool foundIn(const std::vector<RefusalToken>& tokens) const;

    bool empty() const { return templates_.empty(); }

  private:
    using Alternative = std::vector<std::string>;  // tokens; empty = the empty alternative
    using Group = std::vector<Alternative>;
    using Template = std::vector<Group>;

    void add(std::string_view pattern);
    static std::size_t matchFrom(const Template& pattern, std::size_t group,
                                 const std::vector<RefusalToken>& tokens, std::size_t at);

    std::vector<Template> templates_;
};

// Whether normalized `text` contains one of `phrases` at word boundaries.
bool containsPhrase(std::string_view normalizedText, const std::vector<std::string>& phrases);

}  // namespace claude_proxy::plugins
