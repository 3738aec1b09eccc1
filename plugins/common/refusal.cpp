#include "common/refusal.hpp"

#include <array>
#include <utility>

#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

// Case, apostrophes, emphasis and whitespace, in one pass.
std::string flatten(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // U+2018, U+2019 and U+2032 (E2 80 98 / E2 80 99 / E2 80 B2), U+02BC (CA BC).
        if (c == '\xe2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
            (text[i + 2] == '\x98' || text[i + 2] == '\x99' || text[i + 2] == '\xb2')) {
            if (space && !out.empty()) {
                out.push_back(' ');
            }
            out.push_back('\'');
            i += 2;
        } else if (c == '\xca' && i + 1 < text.size() && text[i + 1] == '\xbc') {
            if (space && !out.empty()) {
                out.push_back(' ');
            }
            out.push_back('\'');
            i += 1;
        } else if (c == '*' || c == '_') {
            continue;
        } else if (isSpace(c)) {
            space = true;
            continue;
        } else {
            if (space && !out.empty()) {
                out.push_back(' ');
            }
            out.push_back(toLowerAscii(c));
        }
        space = false;
    }
    return out;
}

bool isContractionByte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
}

// Whole words written out differently; "n't" endings are handled by rule, not listed.
constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kSpelledOut = {{
    {"can't", "cannot"},     {"cant", "cannot"},      {"won't", "will not"},  {"wont", "will not"},
    {"shan't", "shall not"}, {"ain't", "is not"},     {"i'm", "i am"},        {"im", "i am"},
    {"i've", "i have"},      {"ive", "i have"},       {"i'd", "i would"},     {"i'll", "i will"},
    {"that's", "that is"},   {"there's", "there is"}, {"it's", "it is"},      {"what's", "what is"},
    {"here's", "here is"},   {"dont", "do not"},      {"doesnt", "does not"}, {"didnt", "did not"},
    {"isnt", "is not"},
}};

// "n't" forms written without the apostrophe, beyond the few in kSpelledOut.
constexpr std::array<std::string_view, 11> kBareNegations = {
    "arent",   "wasnt",   "werent",   "havent", "hasnt",  "hadnt",
    "couldnt", "wouldnt", "shouldnt", "mustnt", "neednt",
};

void appendWord(std::string& out, std::string_view word) {
    for (const auto& [from, to] : kSpelledOut) {
        if (word == from) {
            out += to;
            return;
        }
    }
    if (word.size() > 3 && word.substr(word.size() - 3) == "n't") {
        out.append(word.substr(0, word.size() - 3)).append(" not");
        return;
    }
    for (const std::string_view bare : kBareNegations) {
        if (word == bare) {
            out.append(word.substr(0, word.size() - 2)).append(" not");
            return;
        }
    }
    out += word;
}

bool followsAsWord(std::string_view text, std::size_t at, std::string_view word) {
    const std::size_t end = at + word.size();
    return text.substr(at, word.size()) == word &&
           (end == text.size() || !isContractionByte(text[end]));
}

}  // namespace

std::string normalizeForMatching(std::string_view text) {
    const std::string flat = flatten(text);
    const std::string_view view(flat);
    std::string out;
    out.reserve(flat.size() + flat.size() / 8);
    std::size_t i = 0;
    while (i < view.size()) {
        if (!isContractionByte(view[i])) {
            out.push_back(view[i++]);
            continue;
        }
        std::size_t end = i;
        while (end < view.size() && isContractionByte(view[end])) {
            ++end;
        }
        // Quotes around a word ('can't') are not part of it.
        std::size_t first = i;
        std::size_t last = end;
        while (first < last && view[first] == '\'') {
            ++first;
        }
        while (last > first && view[last - 1] == '\'') {
            --last;
        }
        out.append(view.substr(i, first - i));
        const std::string_view word = view.substr(first, last - first);
        if (word == "can" && last == end && followsAsWord(view, end, " not")) {
            out += "cannot";
            end += 4;
        } else {
            appendWord(out, word);
            out.append(view.substr(last, end - last));
        }
        i = end;
    }
    return out;
}

}  // namespace claude_proxy::plugins
