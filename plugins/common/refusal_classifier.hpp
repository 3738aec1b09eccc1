#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <claude_proxy/toolcall_handler.hpp>

#include "common/refusal_phrases.hpp"

// Whether a reply without a tool call is a false refusal: the model had tools that could do
// the job and said it cannot. A small scoring classifier over the normalized reply:
//
//   1. cues: places where the reply says it cannot ("i cannot", "i do not have", "not something
//      i can do", "beyond my capabilities", "there is no tool for", …); a cue about something no
//      tool is for ("i cannot recommend", "i cannot wait", "i will not run that") is no cue;
//   2. each cue is scored with the words around it in its clause: a tool verb (browse, access,
//      run, look up), a capability (tools, functions, internet, web, live data, code, shell),
//      access / ability / permission, an offered tool's name or a word of its description — and
//      against: the user's own things no offered tool reaches (calendar, screen, files),
//      opinions and feelings, "not enough information";
//   3. the best cue is adjusted for the whole reply: "as an AI", apologies, a short reply push
//      up; length, code blocks, tool errors and results being explained, clarifying questions,
//      declining on policy grounds push down. Replies longer than kMaxRefusalWords words (or
//      kMaxRefusalTokens tokens) are never refusals.
//
// Pure, deterministic, and linear in the reply: cues and clauses are bounded windows, and a
// long reply is dropped after its first kMaxRefusalWords words; only normalizing it (the
// caller's job) reads all of it.
namespace claude_proxy::plugins {

// A refusal from this score on.
inline constexpr double kRefusalThreshold = 4.0;

// Refusals are short; a reply with more words (or, counting punctuation and code, tokens) is a
// substantive answer whatever it says.
inline constexpr std::size_t kMaxRefusalWords = 300;
inline constexpr std::size_t kMaxRefusalTokens = 4 * kMaxRefusalWords;

// What a handler adds to the shared detector.
struct RefusalProfile {
    // Wordings of its own; a match is a cue strong enough to decide by itself.
    const PhraseMatcher* phrases = nullptr;
    // Words that count as capabilities for its hosts ("files", "repository" for an agent host
    // whose tools act on a workspace), even when no offered tool mentions them.
    std::vector<std::string_view> capabilityWords;
};

struct RefusalAssessment {
    bool isRefusal = false;
    double score = 0.0;  // a refusal from kRefusalThreshold on
    // What made up the score, one item per contribution ("capability \"internet\" +2.0"), and
    // the verdict last: enough to log why a retry was or was not made.
    std::vector<std::string> reasons;
};

// The verdict on `normalizedReply` (normalizeForMatching applied) for the offered tools.
RefusalAssessment assessRefusal(std::string_view normalizedReply, const sdk::ToolRequest& request,
                                const RefusalProfile& profile = {});

// The assessment on one line, for a log: "refusal: cue \"i cannot\" +2.0, verb \"browse\" +1.5,
// capability \"internet\" +2.0, short reply (7 words) +0.5, score 6.0 >= 4.0".
std::string describeAssessment(const RefusalAssessment& assessment);

}  // namespace claude_proxy::plugins
