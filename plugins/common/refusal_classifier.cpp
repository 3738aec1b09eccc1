#include "common/refusal_classifier.hpp"

#include <cstdlib>
#include <string>
#include <utility>

#include "common/refusal_context.hpp"
#include "common/refusal_cues.hpp"
#include "common/refusal_lexicon.hpp"
#include "common/refusal_tokens.hpp"
#include "common/refusal_vocabulary.hpp"

namespace claude_proxy::plugins {
namespace {

namespace words = refusal_words;

// Scores are kept in tenths of a point, as integers, so that the verdict never depends on
// floating-point rounding.
constexpr int kThresholdTenths = static_cast<int>(kRefusalThreshold * 10);

// What the clause of a cue says cannot be done.
constexpr int kToolNamePoints = 25;    // an offered tool by name
constexpr int kCapabilityPoints = 20;  // tools, internet, live data, code
constexpr int kToolWordPoints = 15;    // a word of an offered tool ("weather", "calendar")
constexpr int kAbstractPoints = 15;    // access, ability, permission, means
constexpr int kExternalPoints = 5;     // "external", "outside"
constexpr int kRequestPoints = 5;      // "that", "it": the request itself
constexpr int kPrivatePoints = -15;    // the user's calendar, with no calendar tool
constexpr int kPersonalPoints = -20;   // opinions, emotions
constexpr int kInsufficientPoints = -15;
constexpr int kConditionPoints = -15;  // "without knowing where you are"

// What the whole reply adds.
constexpr int kIdentityPoints = 15;
constexpr int kApologyPoints = 8;
constexpr int kShortPoints = 5;
constexpr int kRepeatedPoints = 5;  // a second strong cue
constexpr int kRepeatedFloor = 35;
constexpr int kFencePoints = -10;
constexpr int kToolResultPoints = -30;
constexpr int kClarifyingPoints = -25;
constexpr int kPolicyPoints = -25;
constexpr int kLacksInputPoints = -15;
constexpr std::size_t kShortWords = 30;
constexpr std::size_t kFreeWords = 60;     // no length penalty up to here
constexpr std::size_t kWordsPerTenth = 4;  // then a tenth of a point per four words

constexpr std::size_t kForwardReach = 12;  // tokens after a cue that belong to its clause
constexpr std::size_t kBackReach = 10;     // tokens before a cue whose subject may come first

std::string tenths(int points) {
    const int magnitude = std::abs(points);
    return std::string(points < 0 ? "-" : "+") + std::to_string(magnitude / 10) + "." +
           std::to_string(magnitude % 10);
}

// "6.0", "-1.5": a score as shown in the verdict.
std::string plain(int points) {
    const std::string withSign = tenths(points);
    return points < 0 ? withSign : withSign.substr(1);
}

std::string quoted(std::string_view word) {
    return "\"" + std::string(word) + "\"";
}

struct Scored {
    int points = 0;
    std::vector<std::string> reasons;
    bool lacksInput = false;  // "i do not have the code you mean"

    void add(int delta, std::string what) {
        points += delta;
        reasons.push_back(std::move(what) + " " + tenths(delta));
    }
};

bool isClauseBreak(const RefusalToken& token) {
    // A dash starts another thought as often as "but" does: "I can't check — try a weather app".
    const bool dash =
        token.text == "\xe2\x80\x94" || token.text == "\xe2\x80\x93" || token.text == "-";
    return token.sentenceEnd || token.fenced || dash ||
           (token.word && !token.code &&
            (words::wordClasses(token.text) & words::kClauseBreak) != 0);
}

class CueScorer {
  public:
    CueScorer(const std::vector<RefusalToken>& tokens, const ToolVocabulary& vocabulary,
              const RefusalProfile& profile)
        : tokens_(tokens), vocabulary_(vocabulary), profile_(profile) {}

    Scored score(const RefusalCue& cue) const {
        Evidence found;
        found.execution =
            cue.hasVerb && (words::wordClasses(tokens_[cue.verb].text) & words::kExecution) != 0;
        for (std::size_t at = cue.start; at < tokens_.size() && at < cue.end + kForwardReach;
             ++at) {
            if (at >= cue.end && isClauseBreak(tokens_[at])) {
                break;
            }
            if (cue.hasVerb && at == cue.verb && cue.verbPoints != 0) {
                continue;  // the verb is scored as a verb, not as a thing ("i cannot email")
            }
            noteCondition(found, at);
            note(found, at, at >= cue.end && !cue.hasVerb);
        }
        if (cue.lookBack) {
            for (std::size_t at = cue.start; at-- > 0 && cue.start - at <= kBackReach;) {
                if (isClauseBreak(tokens_[at])) {
                    break;
                }
                note(found, at, false);
            }
        }
        if (found.capability.empty() && !found.artifact.empty() && found.execution) {
            found.capability = found.artifact;  // "run code", "functions available"
        }
        Scored scored;
        scored.lacksInput = lacksInput(cue);
        scored.add(cue.points, "cue " + quoted(cue.kind));
        if (cue.hasVerb && cue.verbPoints != 0) {
            scored.add(cue.verbPoints, "verb " + quoted(tokens_[cue.verb].text));
        } else if (!cue.hasVerb && found.verbPoints != 0) {
            scored.add(found.verbPoints, "verb " + quoted(found.verb));
        }
        if (!found.toolName.empty()) {
            scored.add(kToolNamePoints, "offered tool " + quoted(found.toolName));
        }
        if (!found.capability.empty()) {
            scored.add(kCapabilityPoints, "capability " + quoted(found.capability));
        } else if (!found.timely.empty() && !found.data.empty()) {
            scored.add(kCapabilityPoints, "capability " + quoted(std::string(found.timely) + " " +
                                                                 std::string(found.data)));
        }
        if (!found.toolWord.empty()) {
            scored.add(kToolWordPoints, "tool word " + quoted(found.toolWord));
        }
        if (!found.abstract.empty()) {
            scored.add(kAbstractPoints, "capability word " + quoted(found.abstract));
        }
        if (!found.external.empty()) {
            scored.add(kExternalPoints, "external " + quoted(found.external));
        }
        const bool aboutTools =
            !found.toolName.empty() || !found.capability.empty() || !found.toolWord.empty();
        if (!found.privateThing.empty() && !aboutTools) {
            scored.add(kPrivatePoints, "about the user's " + quoted(found.privateThing));
        }
        if (!found.personal.empty()) {
            scored.add(kPersonalPoints, "not about tools " + quoted(found.personal));
        }
        if (!found.insufficient.empty()) {
            scored.add(kInsufficientPoints, "missing input " + quoted(found.insufficient));
        }
        if (!found.condition.empty()) {
            scored.add(kConditionPoints, "only " + quoted(found.condition) + " a detail");
        }
        if (aboutRequest(cue)) {
            scored.add(kRequestPoints, "about the request itself");
        }
        return scored;
    }

  private:
    struct Evidence {
        std::string_view toolName;
        std::string_view capability;
        std::string_view timely;
        std::string_view data;
        std::string_view toolWord;
        std::string_view abstract;
        std::string_view external;
        std::string_view privateThing;
        std::string_view personal;
        std::string_view insufficient;
        std::string_view verb;  // "to <verb>" after "i do not have the ability"
        int verbPoints = 0;
        std::string_view condition;  // "without knowing", "without a city"
        std::string_view artifact;   // "code", "function": a capability only with execution
        bool execution = false;
    };

    // "… without a city", "… without knowing where you are": what is missing is an argument,
    // not a tool. "without internet access" is no such condition.
    void noteCondition(Evidence& found, std::size_t at) const {
        const RefusalToken& token = tokens_[at];
        if (!token.word || token.code || (token.text != "without" && token.text != "unless")) {
            return;
        }
        for (std::size_t next = at + 1; next < tokens_.size() && next <= at + 3; ++next) {
            const RefusalToken& after = tokens_[next];
            if (!after.word || after.fenced) {
                break;
            }
            const std::uint32_t classes = words::wordClasses(after.text);
            if ((classes & (words::kCapability | words::kAbstract)) != 0 ||
                isProfileCapability(after.text)) {
                return;
            }
        }
        keepFirst(found.condition, token.text);
    }

    static void keepFirst(std::string_view& slot, std::string_view word) {
        if (slot.empty()) {
            slot = word;
        }
    }

    void note(Evidence& found, std::size_t at, bool mayBeVerb) const {
        const RefusalToken& token = tokens_[at];
        if (!token.word || token.fenced) {
            return;
        }
        const std::string_view word = token.text;
        if (vocabulary_.isToolName(word)) {
            keepFirst(found.toolName, word);
            return;
        }
        const std::uint32_t classes = words::wordClasses(word);
        if ((classes & words::kExecution) != 0) {
            found.execution = true;
        }
        if ((classes & words::kArtifact) != 0 && !isProfileCapability(word)) {
            keepFirst(found.artifact, word);
            return;
        }
        const bool capability = (classes & words::kCapability) != 0 || isProfileCapability(word);
        if (capability) {
            keepFirst(found.capability, word);
        }
        if ((classes & words::kTimely) != 0) {
            keepFirst(found.timely, word);
        }
        if ((classes & words::kData) != 0) {
            keepFirst(found.data, word);
        }
        if ((classes & words::kAbstract) != 0) {
            keepFirst(found.abstract, word);
        }
        if ((classes & words::kExternal) != 0) {
            keepFirst(found.external, word);
        }
        if (capability) {
            // counted once, as the capability
        } else if (vocabulary_.isToolWord(word)) {
            keepFirst(found.toolWord, word);
        } else if ((classes & words::kPrivate) != 0) {
            keepFirst(found.privateThing, word);
        }
        if ((classes & words::kPersonal) != 0) {
            keepFirst(found.personal, word);
        }
        if ((classes & words::kInsufficient) != 0) {
            keepFirst(found.insufficient, word);
        }
        if (mayBeVerb && found.verbPoints == 0 && at > 0 &&
            (tokens_[at - 1].text == "to" || tokens_[at - 1].text == "of")) {
            // "the ability to browse": the verb a "have" cue lacks comes after "to".
            if (const int points = refusalVerbPoints(tokens_, at); points > 0) {
                found.verb = word;
                found.verbPoints = points;
            }
        }
    }

    // "i do not have the code you mean", "i do not have your script": what is missing is the
    // user's input, unless it is something an offered tool provides ("your calendar" with a
    // calendar tool) or a capability ("the tools", "the ability").
    bool lacksInput(const RefusalCue& cue) const {
        if (!cue.lacks || cue.end >= tokens_.size() || !tokens_[cue.end].word ||
            (words::wordClasses(tokens_[cue.end].text) & words::kDefinite) == 0) {
            return false;
        }
        for (std::size_t at = cue.end + 1; at < tokens_.size() && at <= cue.end + 3; ++at) {
            const RefusalToken& token = tokens_[at];
            if (!token.word) {
                break;
            }
            const std::uint32_t classes = words::wordClasses(token.text);
            if ((classes & (words::kCapability | words::kAbstract | words::kTimely)) != 0 ||
                isProfileCapability(token.text) || vocabulary_.isToolName(token.text) ||
                ((classes & words::kArtifact) == 0 && vocabulary_.isToolWord(token.text))) {
                return false;
            }
        }
        return true;
    }

    bool isProfileCapability(std::string_view word) const {
        for (const std::string_view extra : profile_.capabilityWords) {
            if (word == extra) {
                return true;
            }
        }
        return false;
    }

    // "i cannot do that.", "that is not something i can do": nothing is named because the
    // request itself is meant.
    bool aboutRequest(const RefusalCue& cue) const {
        const auto isRef = [&](std::size_t at) {
            return at < tokens_.size() && tokens_[at].word &&
                   (words::wordClasses(tokens_[at].text) & words::kRequestRef) != 0;
        };
        const auto endsHere = [&](std::size_t at) {
            if (at >= tokens_.size()) {
                return true;
            }
            const RefusalToken& token = tokens_[at];
            return !token.word || isClauseBreak(token) || token.text == "for" ||
                   token.text == "right" || token.text == "now" || token.text == "here";
        };
        if (cue.hasVerb && isRef(cue.end) && endsHere(cue.end + 1)) {
            return true;
        }
        return cue.lookBack && cue.start > 0 && isRef(cue.start - 1) &&
               (cue.start == 1 || !tokens_[cue.start - 2].word);
    }

    const std::vector<RefusalToken>& tokens_;
    const ToolVocabulary& vocabulary_;
    const RefusalProfile& profile_;
};

RefusalAssessment verdict(Scored scored) {
    RefusalAssessment out;
    out.isRefusal = scored.points >= kThresholdTenths;
    out.score = scored.points / 10.0;
    out.reasons = std::move(scored.reasons);
    out.reasons.push_back("score " + plain(scored.points) + (out.isRefusal ? " >= " : " < ") +
                          plain(kThresholdTenths));
    return out;
}

}  // namespace

RefusalAssessment assessRefusal(std::string_view normalizedReply, const sdk::ToolRequest& request,
                                const RefusalProfile& profile) {
    const RefusalTokens tokenized =
        tokenizeForMatching(normalizedReply, kMaxRefusalWords, kMaxRefusalTokens);
    Scored total;
    if (tokenized.truncated) {
        total.reasons.push_back("long reply: more than " + std::to_string(kMaxRefusalWords) +
                                " words or " + std::to_string(kMaxRefusalTokens) + " tokens");
        return verdict(std::move(total));
    }
    const std::vector<RefusalToken>& tokens = tokenized.tokens;
    const ToolVocabulary vocabulary(request);
    const std::vector<RefusalCue> cues = findRefusalCues(tokens, vocabulary, profile.phrases);
    if (cues.empty()) {
        total.reasons.push_back("no inability cue");
        return verdict(std::move(total));
    }
    const CueScorer scorer(tokens, vocabulary, profile);
    std::size_t strong = 0;
    bool first = true;
    bool lacksInput = false;
    for (const RefusalCue& cue : cues) {
        Scored scored = scorer.score(cue);
        strong += scored.points >= kRepeatedFloor ? 1U : 0U;
        lacksInput = lacksInput || scored.lacksInput;
        if (first || scored.points > total.points) {
            total = std::move(scored);
            first = false;
        }
    }
    if (strong >= 2) {
        total.add(kRepeatedPoints, "more than one strong cue");
    }
    const RefusalContext context = readRefusalContext(tokens);
    if (context.identity) {
        total.add(kIdentityPoints, "speaks as an AI");
    }
    if (context.apology) {
        total.add(kApologyPoints, "apologizes");
    }
    const std::size_t wordCount = tokenized.words;
    if (wordCount <= kShortWords) {
        total.add(kShortPoints, "short reply (" + std::to_string(wordCount) + " words)");
    } else if (wordCount > kFreeWords) {
        total.add(-static_cast<int>((wordCount - kFreeWords) / kWordsPerTenth),
                  "long reply (" + std::to_string(wordCount) + " words)");
    }
    if (context.fence) {
        total.add(kFencePoints, "carries a code block");
    }
    if (context.toolResult) {
        total.add(kToolResultPoints, "explains a tool result");
    }
    if (context.clarifying) {
        total.add(kClarifyingPoints, "asks for a missing detail");
    }
    if (context.policy) {
        total.add(kPolicyPoints, "declines on other grounds");
    }
    if (lacksInput) {
        total.add(kLacksInputPoints, "lacks the user's input");
    }
    return verdict(std::move(total));
}

std::string describeAssessment(const RefusalAssessment& assessment) {
    std::string out = assessment.isRefusal ? "refusal" : "not a refusal";
    out += ":";
    for (std::size_t i = 0; i < assessment.reasons.size(); ++i) {
        out += (i == 0 ? " " : ", ") + assessment.reasons[i];
    }
    return out;
}

}  // namespace claude_proxy::plugins
