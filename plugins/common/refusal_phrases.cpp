#include "common/refusal_phrases.hpp"

#include <algorithm>

#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

constexpr std::size_t kNoMatch = static_cast<std::size_t>(-1);

// `text` trimmed, with every run of spaces as one.
std::string singleSpaced(std::string_view text) {
    std::string out;
    for (const char c : trim(text)) {
        if (c != ' ' || out.empty() || out.back() != ' ') {
            out.push_back(c);
        }
    }
    return out;
}

// Expands the first "{…}" group of `pattern` and recurses on each alternative.
void expandInto(const std::string& pattern, std::vector<std::string>& out) {
    const std::size_t open = pattern.find('{');
    if (open == std::string::npos) {
        out.push_back(singleSpaced(pattern));
        return;
    }
    const std::size_t close = pattern.find('}', open);
    const std::string head = pattern.substr(0, open);
    const std::string tail = pattern.substr(close + 1);
    const std::string group = pattern.substr(open + 1, close - open - 1);
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = group.find('|', start);
        const std::string alternative =
            group.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        expandInto(head + alternative + tail, out);
        if (bar == std::string::npos) {
            break;
        }
        start = bar + 1;
    }
}

std::vector<std::string> tokenTexts(std::string_view text) {
    std::vector<std::string> out;
    for (const RefusalToken& token : tokenizeForMatching(text).tokens) {
        out.emplace_back(token.text);
    }
    return out;
}

}  // namespace

std::vector<std::string> expandPhrases(std::initializer_list<std::string_view> templates) {
    std::vector<std::string> out;
    for (const auto pattern : templates) {
        expandInto(std::string(pattern), out);
    }
    return out;
}

PhraseMatcher::PhraseMatcher(std::initializer_list<std::string_view> templates) {
    for (const std::string_view pattern : templates) {
        add(pattern);
    }
}

PhraseMatcher::PhraseMatcher(const std::vector<std::string>& phrases) {
    for (const std::string& phrase : phrases) {
        Alternative tokens = tokenTexts(phrase);
        if (!tokens.empty()) {
            templates_.push_back({Group{std::move(tokens)}});
        }
    }
}

void PhraseMatcher::add(std::string_view pattern) {
    Template compiled;
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        const std::size_t open = pattern.find('{', pos);
        const std::string_view literal = pattern.substr(pos, open - pos);
        if (Alternative tokens = tokenTexts(literal); !tokens.empty()) {
            compiled.push_back({std::move(tokens)});
        }
        if (open == std::string_view::npos) {
            break;
        }
        const std::size_t close = pattern.find('}', open);
        const std::string_view body = pattern.substr(open + 1, close - open - 1);
        Group group;
        std::size_t start = 0;
        while (true) {
            const std::size_t bar = body.find('|', start);
            group.push_back(tokenTexts(body.substr(start, bar - start)));
            if (bar == std::string_view::npos) {
                break;
            }
            start = bar + 1;
        }
        compiled.push_back(std::move(group));
        pos = close == std::string_view::npos ? pattern.size() : close + 1;
    }
    if (!compiled.empty()) {
        templates_.push_back(std::move(compiled));
    }
}

std::size_t PhraseMatcher::matchFrom(const Template& pattern, std::size_t group,
                                     const std::vector<RefusalToken>& tokens, std::size_t at) {
    if (group == pattern.size()) {
        return at;
    }
    std::size_t best = kNoMatch;
    for (const Alternative& alternative : pattern[group]) {
        if (at + alternative.size() > tokens.size()) {
            continue;
        }
        bool same = true;
        for (std::size_t k = 0; k < alternative.size() && same; ++k) {
            same = tokens[at + k].text == alternative[k];
        }
        if (!same) {
            continue;
        }
        const std::size_t end = matchFrom(pattern, group + 1, tokens, at + alternative.size());
        if (end != kNoMatch && (best == kNoMatch || end > best)) {
            best = end;
        }
    }
    return best;
}

std::size_t PhraseMatcher::matchEnd(const std::vector<RefusalToken>& tokens, std::size_t at) const {
    std::size_t best = 0;
    for (const Template& pattern : templates_) {
        const std::size_t end = matchFrom(pattern, 0, tokens, at);
        if (end != kNoMatch && end > at) {
            best = std::max(best, end);
        }
    }
    return best;
}

bool PhraseMatcher::foundIn(const std::vector<RefusalToken>& tokens) const {
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        if (matchEnd(tokens, at) != 0) {
            return true;
        }
    }
    return false;
}

bool containsPhrase(std::string_view normalizedText, const std::vector<std::string>& phrases) {
    return PhraseMatcher(phrases).foundIn(tokenizeForMatching(normalizedText).tokens);
}

}  // namespace claude_proxy::plugins
