#include "common/refusal_vocabulary.hpp"

#include "common/refusal.hpp"
#include "common/refusal_lexicon.hpp"
#include "common/refusal_tokens.hpp"

namespace claude_proxy::plugins {
namespace {

// Words of tool descriptions that say nothing about what the tool is for.
constexpr std::string_view kStopWords[] = {
    "the",    "and",    "for",     "with",   "from",      "into",     "about",    "between",
    "two",    "one",    "all",     "any",    "each",      "via",      "using",    "uses",
    "used",   "based",  "given",   "tool",   "function",  "user",     "users",    "text",
    "name",   "value",  "result",  "output", "input",     "item",     "items",    "new",
    "more",   "their",  "your",    "you",    "its",       "optional", "required", "default",
    "string", "number", "object",  "true",   "false",     "null",     "other",    "some",
    "such",   "then",   "than",    "only",   "not",       "which",    "what",     "who",
    "how",    "where",  "returns", "return", "replacing", "them",
};

// Classes of words that are grammar or verbs, not subjects, and artifacts ("code", "command"),
// which the classifier judges by the verb next to them. A verb that is also a thing ("file",
// "shell") stays.
constexpr std::uint32_t kNotContent =
    refusal_words::kStrongVerb | refusal_words::kNeutralVerb | refusal_words::kFindVerb |
    refusal_words::kUnrelatedVerb | refusal_words::kAuxiliary | refusal_words::kFiller |
    refusal_words::kHypothetical | refusal_words::kClauseBreak | refusal_words::kRequestRef |
    refusal_words::kApology | refusal_words::kHaveVerb | refusal_words::kTransfer |
    refusal_words::kStateWord | refusal_words::kArtifact | refusal_words::kDefinite;
constexpr std::uint32_t kThing =
    refusal_words::kCapability | refusal_words::kData | refusal_words::kPrivate;

std::string_view withoutPossessive(std::string_view word) {
    if (word.size() > 2 && word.substr(word.size() - 2) == "'s") {
        return word.substr(0, word.size() - 2);
    }
    return word;
}

bool isContentWord(std::string_view word) {
    if (word.size() < 3) {
        return false;
    }
    bool digitsOnly = true;
    for (const char c : word) {
        digitsOnly = digitsOnly && c >= '0' && c <= '9';
    }
    if (digitsOnly) {
        return false;
    }
    for (const std::string_view stop : kStopWords) {
        if (word == stop) {
            return false;
        }
    }
    const std::uint32_t classes = refusal_words::wordClasses(word);
    return (classes & kNotContent) == 0 || (classes & kThing) != 0;
}

std::string withoutDots(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c != '.') {
            out.push_back(c);
        }
    }
    return out;
}

bool isUpper(char c) {
    return c >= 'A' && c <= 'Z';
}

bool isLower(char c) {
    return c >= 'a' && c <= 'z';
}

bool isAlnum(char c) {
    return isUpper(c) || isLower(c) || (c >= '0' && c <= '9');
}

}  // namespace

ToolVocabulary::ToolVocabulary(const sdk::ToolRequest& request) {
    for (const sdk::Tool& tool : request.tools) {
        addName(tool.name);
        addWords(tool.description);
    }
}

void ToolVocabulary::addName(std::string_view name) {
    const std::string normalized = normalizeForMatching(name);
    if (normalized.empty()) {
        return;
    }
    names_.insert(normalized);
    names_.insert(withoutDots(normalized));
    // The last namespace segment: "read_file" of "fs.read_file", "create_issue" of
    // "mcp__github__create_issue". Short segments ("get") would name too much.
    std::size_t cut = 0;
    for (std::size_t i = 0; i + 1 < name.size(); ++i) {
        if (name[i] == '.' || (name[i] == '_' && name[i + 1] == '_')) {
            cut = i + 1;
        }
    }
    const std::string last = normalizeForMatching(name.substr(cut));
    if (cut != 0 && last.size() >= 5) {
        names_.insert(withoutDots(last));
    }
    // Its parts as words: snake_case, dotted and camelCase names alike.
    std::string part;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        const bool boundary = i == name.size() || !isAlnum(name[i]) ||
                              (isUpper(name[i]) && i > 0 && isLower(name[i - 1]));
        if (boundary && !part.empty()) {
            if (isContentWord(part)) {
                words_.insert(refusal_words::singular(part));
            }
            part.clear();
        }
        if (i < name.size() && isAlnum(name[i])) {
            part.push_back(isUpper(name[i]) ? static_cast<char>(name[i] - 'A' + 'a') : name[i]);
        }
    }
}

void ToolVocabulary::addWords(std::string_view text) {
    const std::string normalized = normalizeForMatching(text);
    for (const RefusalToken& token : tokenizeForMatching(normalized).tokens) {
        const std::string_view word = withoutPossessive(token.text);
        if (token.word && isContentWord(word)) {
            words_.insert(refusal_words::singular(word));
        }
    }
}

bool ToolVocabulary::isToolName(std::string_view token) const {
    if (names_.empty()) {
        return false;
    }
    return names_.count(std::string(token)) != 0 || names_.count(withoutDots(token)) != 0;
}

bool ToolVocabulary::isToolWord(std::string_view token) const {
    return words_.count(refusal_words::singular(withoutPossessive(token))) != 0;
}

}  // namespace claude_proxy::plugins
