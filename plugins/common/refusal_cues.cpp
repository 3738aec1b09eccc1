#include "common/refusal_cues.hpp"

#include <optional>

#include "common/refusal_lexicon.hpp"

namespace claude_proxy::plugins {
namespace {

namespace words = refusal_words;

constexpr int kSelfPoints = 20;        // "i cannot", "i do not have"
constexpr int kStatePoints = 10;       // "i am not connected to", "i have not been given"
constexpr int kPermissionPoints = 5;   // "i am not permitted to"
constexpr int kStrongVerbPoints = 15;  // browse, access, execute, look up
constexpr int kNeutralVerbPoints = 5;  // use, send, create
constexpr int kFindVerbPoints = -20;   // "i cannot find X": X is absent, not out of reach
constexpr int kToolNamePoints = 25;    // "get_weather is not available"
constexpr int kExtraPhrasePoints = 40;
constexpr std::size_t kHypotheticalReach = 3;  // "if i cannot …", "when i do not have …"
constexpr std::size_t kElidedSubjectReach = 20;

// The word at `at`, or "" past the end, for a mark, or for code.
std::string_view wordAt(const std::vector<RefusalToken>& tokens, std::size_t at) {
    if (at >= tokens.size() || !tokens[at].word || tokens[at].code) {
        return {};
    }
    return tokens[at].text;
}

bool has(std::string_view word, std::uint32_t classes) {
    return !word.empty() && (words::wordClasses(word) & classes) != 0;
}

// How the negation is built; it decides what may follow.
enum class Mode {
    Modal,       // cannot, could not, am unable to: a verb follows
    Volitional,  // will not, would not: only "be able to" makes it an inability
    Be,          // am not: able to, equipped, connected, permitted
    Do,          // do not: have, see, think, or a verb
    Perfect,     // have not: been given, got
    Have,        // lack, have no: what is missing follows
};

std::optional<Mode> modeAfterAuxiliary(std::string_view aux) {
    if (aux == "will" || aux == "would" || aux == "shall") {
        return Mode::Volitional;
    }
    if (aux == "am" || aux == "is" || aux == "are" || aux == "was" || aux == "were" ||
        aux == "be") {
        return Mode::Be;
    }
    if (aux == "do" || aux == "does" || aux == "did") {
        return Mode::Do;
    }
    if (aux == "have" || aux == "has" || aux == "had") {
        return Mode::Perfect;
    }
    if (aux.empty()) {
        return std::nullopt;
    }
    return Mode::Modal;  // can, could, may, might, should, must
}

int verbPointsAt(const std::vector<RefusalToken>& tokens, std::size_t at) {
    const std::string_view verb = wordAt(tokens, at);
    const std::uint32_t classes = words::wordClasses(verb);
    if (verb == "look") {
        const std::string_view next = wordAt(tokens, at + 1);
        return next == "up" || next == "into" || next == "online" ? kStrongVerbPoints
                                                                  : kNeutralVerbPoints;
    }
    if ((classes & words::kStrongVerb) != 0) {
        return kStrongVerbPoints;
    }
    if ((classes & words::kNeutralVerb) != 0) {
        return kNeutralVerbPoints;
    }
    if ((classes & words::kFindVerb) != 0) {
        return kFindVerbPoints;
    }
    return 0;
}

class SelfParser {
  public:
    explicit SelfParser(const std::vector<RefusalToken>& tokens) : tokens_(tokens) {}

    // A cue whose subject is tokens[subject] ("i", or "and" standing for it).
    std::optional<RefusalCue> parse(std::size_t subject) const {
        std::size_t k = subject + 1;
        std::string_view aux;
        for (int steps = 0; steps < 4; ++steps) {
            const std::string_view word = wordAt(tokens_, k);
            if (word.empty() || word == "not" || word == "cannot") {
                break;
            }
            if (has(word, words::kAuxiliary)) {
                aux = word;
            } else if (!has(word, words::kFiller)) {
                break;
            }
            ++k;
        }
        const std::string_view negation = wordAt(tokens_, k);
        std::optional<Mode> mode;
        if (negation == "cannot") {
            mode = Mode::Modal;
        } else if (negation == "unable" || negation == "incapable") {
            mode = Mode::Modal;
            if (wordAt(tokens_, k + 1) == "to" || wordAt(tokens_, k + 1) == "of") {
                ++k;
            }
        } else if (negation == "not" || negation == "never") {
            mode = modeAfterAuxiliary(aux);
        } else if (negation == "lack" || negation == "lacks") {
            mode = Mode::Have;
        } else if (negation == "no") {
            if (wordAt(tokens_, k + 1) == "longer" &&
                has(wordAt(tokens_, k + 2), words::kHaveVerb)) {
                k += 2;
                mode = Mode::Have;
            } else if (aux == "have" || aux == "has") {
                mode = Mode::Have;
            }
        }
        if (!mode) {
            return std::nullopt;
        }
        RefusalCue cue;
        cue.kind = "i cannot";
        cue.start = subject;
        cue.points = kSelfPoints;
        // "internet access, which i do not have": what is missing came first.
        const std::string_view before = subject > 0 ? wordAt(tokens_, subject - 1) : "";
        cue.lookBack = before == "which" || before == "that";
        return finish(cue, *mode, k + 1, aux, 0);
    }

  private:
    // Reads what follows the negation from `k` on: "be able to", the verb, or what is missing.
    std::optional<RefusalCue> finish(RefusalCue cue, Mode mode, std::size_t k, std::string_view aux,
                                     int depth) const {
        bool able = false;
        bool be = false;
        for (int steps = 0; steps < 6; ++steps) {
            const std::string_view word = wordAt(tokens_, k);
            if (word == "be" || word == "been" || word == "being") {
                be = true;
                ++k;
            } else if (word == "able" || word == "capable") {
                able = true;
                ++k;
                if (wordAt(tokens_, k) == "to" || wordAt(tokens_, k) == "of") {
                    ++k;
                }
            } else if (word == "going" && wordAt(tokens_, k + 1) == "to") {
                k += 2;
            } else if (word == "in" && wordAt(tokens_, k + 1) == "a" &&
                       wordAt(tokens_, k + 2) == "position" && wordAt(tokens_, k + 3) == "to") {
                able = true;
                k += 4;
            } else if (has(word, words::kFiller)) {
                ++k;
            } else {
                break;
            }
        }
        const std::string_view head = wordAt(tokens_, k);
        const std::uint32_t classes = words::wordClasses(head);
        const bool state = (classes & words::kStateWord) != 0;
        const bool permission = (classes & words::kPermission) != 0;
        const bool haveVerb = (classes & words::kHaveVerb) != 0 && head != "had";
        if (mode == Mode::Volitional && !able && !haveVerb && !(be && (state || permission))) {
            return std::nullopt;  // "i will not run that": a choice, not an inability
        }
        if (be && !able && !state && !permission) {
            return std::nullopt;  // "i cannot be sure", "i would not be surprised"
        }
        if ((mode == Mode::Be || mode == Mode::Perfect || mode == Mode::Volitional) && !able &&
            (state || permission)) {
            // "i am not connected to", "i am not permitted to", "i have not been given access"
            cue.kind = state ? "i am not equipped" : "i am not permitted";
            cue.points += state ? kStatePoints : kPermissionPoints;
            ++k;
            while (wordAt(tokens_, k) == "up" || wordAt(tokens_, k) == "with" ||
                   wordAt(tokens_, k) == "to") {
                ++k;
            }
            return withVerb(cue, k);
        }
        if (mode == Mode::Be && !able) {
            return std::nullopt;  // "i am not sure", "i am not a lawyer"
        }
        if (mode == Mode::Have || haveVerb) {
            cue.kind = "i do not have";
            cue.lacks = true;
            cue.end = mode == Mode::Have ? k : k + 1;
            return cue;
        }
        if (mode == Mode::Do && depth == 0 && (classes & words::kTransfer) != 0 &&
            wordAt(tokens_, k + 1) == "i") {
            // "i do not think i can …": the negation belongs to the second clause.
            std::size_t next = k + 2;
            while (has(wordAt(tokens_, next), words::kAuxiliary | words::kFiller)) {
                ++next;
            }
            cue.kind = "i do not think i can";
            return finish(cue, Mode::Modal, next, "can", depth + 1);
        }
        if ((classes & words::kUnrelatedVerb) != 0) {
            return std::nullopt;  // "i cannot recommend", "i cannot wait", "i do not think"
        }
        if (mode == Mode::Do && !doesMeanCannot(aux, head, classes)) {
            return std::nullopt;  // "i did not change any files": a report, not an inability
        }
        if (head == "tell" && wordAt(tokens_, k + 1) == "you" && wordAt(tokens_, k + 2) == "how") {
            return std::nullopt;  // "i cannot tell you how many times …"
        }
        if (head == "call" && has(wordAt(tokens_, k + 1), words::kRequestRef) &&
            !wordAt(tokens_, k + 2).empty()) {
            return std::nullopt;  // "i cannot call it a bug yet"
        }
        return withVerb(cue, k);
    }

    // After "i do not" only a tool verb or "see" says what the model cannot do ("i do not browse
    // the web", "i do not see a tool"); "i did not" reports the past.
    static bool doesMeanCannot(std::string_view aux, std::string_view head, std::uint32_t classes) {
        if (aux == "did") {
            return false;
        }
        return head == "see" || (classes & words::kStrongVerb) != 0 ||
               (classes & words::kNeutralVerb) != 0;
    }

    std::optional<RefusalCue> withVerb(RefusalCue cue, std::size_t k) const {
        if ((words::wordClasses(wordAt(tokens_, k)) & words::kUnrelatedVerb) != 0) {
            return std::nullopt;
        }
        cue.verbPoints = verbPointsAt(tokens_, k);
        cue.hasVerb = !wordAt(tokens_, k).empty();
        cue.verb = k;
        cue.end = cue.hasVerb ? k + 1 : k;
        return cue;
    }

    const std::vector<RefusalToken>& tokens_;
};

// Wordings that do not start with "i" + negation. `verbAfter`: the token after the match is
// the verb of the inability ("not something i can *do*").
struct PhraseCue {
    std::string_view kind;
    int points;
    bool lookBack;
    bool verbAfter;
    PhraseMatcher matcher;
};

const std::vector<PhraseCue>& phraseCues() {
    static const std::vector<PhraseCue> cues = [] {
        std::vector<PhraseCue> out;
        out.push_back(
            {"not something i can", 25, true, true,
             PhraseMatcher({"{is|are|was} not something {i|that i} {can|could|am able "
                            "to|will be able to|would be able to|am capable of|have the "
                            "ability to|know how to|am allowed to|am permitted to|have}"})});
        out.push_back(
            {"beyond my capabilities", 30, true, false,
             PhraseMatcher({"{beyond|outside|outside of|not within|not part of|not among|not one "
                            "of} my {|current |present }{capabilities|capability|abilities|"
                            "ability|reach|scope|skill set|skillset|functionality|toolset|toolkit|"
                            "powers|limits|remit|purview|means}",
                            "{beyond|outside|outside of} what i {can|am able to|could} do"})});
        out.push_back({"not possible for me", 25, true, true,
                       PhraseMatcher({"{it is|that is|this is|it was|is|are} {not possible|"
                                      "impossible} for me {to|}",
                                      "there is no way for me to"})});
        out.push_back(
            {"my environment does not allow", 30, false, false,
             PhraseMatcher({"my {|current |present }{environment|setup|configuration|sandbox|"
                            "capabilities|abilities|access|toolset|training|training data|"
                            "design|programming|role|settings|permissions|knowledge} {does not|"
                            "do not|will not|cannot|is not|are not} {allow|include|support|permit|"
                            "let|give|extend|provide|offer|cover|have|enable|grant|set|connected|"
                            "configured|equipped|come|reach|contain}"})});
        out.push_back(
            {"neither of which i have", 25, true, false,
             PhraseMatcher({"{neither|none} of {which|these|those|them} {i have|i can "
                            "use|i can access|is available to me|are available to me}"})});
        out.push_back({"i am limited to", 25, false, false,
                       PhraseMatcher({"{i am|my capabilities are|my abilities are|my access is} "
                                      "{|only |currently }{limited|restricted|confined} to"})});
        out.push_back({"i can only", 20, false, false,
                       PhraseMatcher({"i {can|am able to|am only able to} only {provide|offer|"
                                      "give|write|produce|generate|respond with|work with|share|"
                                      "answer with|output|reason|talk|chat|communicate}"})});
        out.push_back(
            {"not available to me", 20, true, false,
             PhraseMatcher({"{is|are|seems|seem|appears|appear} not {available|accessible|enabled|"
                            "connected|supported|usable} {to me|for me|here|in this conversation|"
                            "in this chat|in this session|in this environment|in this context|"
                            "right now|at the moment|currently}",
                            "{is|are} {unavailable|inaccessible|disabled} {to me|for me|here|in "
                            "this conversation|in this chat|in this session|in this environment|"
                            "in this context|right now|at the moment|currently}",
                            "not at my disposal"})});
        out.push_back(
            {"tools are not available", 25, true, false,
             PhraseMatcher({"{tool|tools|function|functions|function calling|function calls|tool "
                            "calling|tool calls|tool use|tool access|browsing|web browsing|"
                            "internet browsing|internet access|web access|web search|web "
                            "searches|code execution|plugins|the internet} {is|are|seems|seem|"
                            "appears|appear|has been|have been} {not available|unavailable|"
                            "disabled|not enabled|not supported|not accessible|inaccessible|"
                            "turned off|offline|not connected|not set up|not configured}"})});
        out.push_back(
            {"there is no tool", 20, false, false,
             PhraseMatcher({"there {is|are|is not|are not} {no|a|any} {|available |suitable "
                            "|appropriate |such |specific |dedicated }{tool|tools|function|"
                            "functions|plugin|plugins|integration|integrations} {for|to|that|"
                            "which|available|i|here|at|in this|among|provided|offered|capable|"
                            "able}",
                            "none of the {|available |provided |offered |listed |current }{tools|"
                            "functions}"})});
        out.push_back(
            {"i am just a language model", 25, false, false,
             PhraseMatcher({"i am {just|only|merely|simply|but} {a|an} {|large |text-based |text "
                            "based |simple }{ai|language model|model|assistant|ai assistant|ai "
                            "model|chatbot|llm|program}",
                            "i am a {text-based|text based} {ai|model|assistant|language model|ai "
                            "assistant|ai model}"})});
        return out;
    }();
    return cues;
}

// After an offered tool's name: it is said to be out of reach.
const PhraseMatcher& toolNameNegation() {
    static const PhraseMatcher matcher(
        {"{is|are|seems|appears|was} {not|currently not} {available|accessible|enabled|connected|"
         "usable|working|set up|something i}",
         "{is|are} {unavailable|inaccessible|disabled|offline}",
         "cannot be {used|called|invoked|accessed|reached|run}"});
    return matcher;
}

bool afterHypothetical(const std::vector<RefusalToken>& tokens, std::size_t start) {
    for (std::size_t back = 1; back <= kHypotheticalReach && back <= start; ++back) {
        const RefusalToken& token = tokens[start - back];
        if (token.sentenceEnd) {
            return false;
        }
        if (token.word && has(token.text, words::kHypothetical)) {
            return true;
        }
    }
    return false;
}

// "… and cannot look it up": the subject is an "i" earlier in the same sentence.
bool hasEarlierSubject(const std::vector<RefusalToken>& tokens, std::size_t at) {
    for (std::size_t back = 1; back <= kElidedSubjectReach && back <= at; ++back) {
        const RefusalToken& token = tokens[at - back];
        if (token.sentenceEnd) {
            return false;
        }
        if (token.word && token.text == "i") {
            return true;
        }
    }
    return false;
}

}  // namespace

int refusalVerbPoints(const std::vector<RefusalToken>& tokens, std::size_t at) {
    return verbPointsAt(tokens, at);
}

std::vector<RefusalCue> findRefusalCues(const std::vector<RefusalToken>& tokens,
                                        const ToolVocabulary& vocabulary,
                                        const PhraseMatcher* extraPhrases) {
    std::vector<RefusalCue> cues;
    const SelfParser self(tokens);
    const auto keep = [&](const RefusalCue& cue) {
        if (!afterHypothetical(tokens, cue.start)) {
            cues.push_back(cue);
        }
    };
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        const RefusalToken& token = tokens[at];
        if (token.fenced || token.quoted) {
            continue;
        }
        if (token.word && vocabulary.isToolName(token.text)) {
            for (std::size_t next = at + 1; next <= at + 4 && next < tokens.size(); ++next) {
                if (const std::size_t end = toolNameNegation().matchEnd(tokens, next); end != 0) {
                    RefusalCue cue;
                    cue.kind = "tool is not available";
                    cue.start = at;
                    cue.end = end;
                    cue.points = kToolNamePoints;
                    keep(cue);
                    break;
                }
            }
        }
        if (token.code) {
            continue;
        }
        if (token.word && (token.text == "i" || ((token.text == "and" || token.text == "or") &&
                                                 hasEarlierSubject(tokens, at)))) {
            if (const std::optional<RefusalCue> cue = self.parse(at)) {
                keep(*cue);
            }
        }
        for (const PhraseCue& phrase : phraseCues()) {
            if (const std::size_t end = phrase.matcher.matchEnd(tokens, at); end != 0) {
                RefusalCue cue;
                cue.kind = phrase.kind;
                cue.start = at;
                cue.end = end;
                cue.points = phrase.points;
                cue.lookBack = phrase.lookBack;
                if (phrase.verbAfter && has(wordAt(tokens, end), words::kUnrelatedVerb)) {
                    continue;  // "not something i can recommend"
                }
                if (phrase.verbAfter && !wordAt(tokens, end).empty()) {
                    cue.verbPoints = verbPointsAt(tokens, end);
                    cue.hasVerb = true;
                    cue.verb = end;
                    cue.end = end + 1;
                }
                keep(cue);
            }
        }
        if (extraPhrases != nullptr) {
            if (const std::size_t end = extraPhrases->matchEnd(tokens, at); end != 0) {
                RefusalCue cue;
                cue.kind = "handler phrase";
                cue.start = at;
                cue.end = end;
                cue.points = kExtraPhrasePoints;
                keep(cue);
            }
        }
    }
    return cues;
}

}  // namespace claude_proxy::plugins
