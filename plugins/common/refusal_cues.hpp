#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/refusal_phrases.hpp"
#include "common/refusal_tokens.hpp"
#include "common/refusal_vocabulary.hpp"

// Where a reply says that it cannot do something: the first step of the refusal classifier.
// A cue says nothing yet about *what* cannot be done; the classifier looks at the words around
// it for that.
namespace claude_proxy::plugins {

struct RefusalCue {
    std::string_view kind;  // the wording, for the reasons: "i cannot", "beyond my …"
    std::size_t start = 0;  // first token of the cue
    std::size_t end = 0;    // one past the cue (and its verb, if any)
    int points = 0;         // what the wording alone says, in tenths of a point
    int verbPoints = 0;     // the verb it negates: browse +15, use +5, find -20
    std::size_t verb = 0;   // that verb's token, when hasVerb
    bool hasVerb = false;   // false: what is missing is named later ("i do not have access")
    bool lacks = false;     // "i do not have", "i have no", "i lack": what is missing follows
    bool lookBack = false;  // what cannot be done may stand before it ("browsing is beyond …")
};

// What the verb at tokens[at] says cannot be done: +15 for what tools are for (browse, access,
// run, look up), +5 for what they may do (use, read, create), -20 for find / locate, else 0.
int refusalVerbPoints(const std::vector<RefusalToken>& tokens, std::size_t at);

// Every cue in `tokens`, in order: first-person inability ("i cannot", "i am not able to",
// "i do not have", "i have no", "i lack", "i do not think i can", "… and cannot"), wordings
// without a first-person negation ("not something i can do", "beyond my capabilities", "my
// environment does not allow", "there is no tool for", "browsing is not available", "i am just
// a language model"), an offered tool's name said to be unavailable, and `extraPhrases`, which
// a handler adds (each match strong on its own). Cues inside code or quotes, and cues after
// "if", "when", "unless", are left out.
std::vector<RefusalCue> findRefusalCues(const std::vector<RefusalToken>& tokens,
                                        const ToolVocabulary& vocabulary,
                                        const PhraseMatcher* extraPhrases);

}  // namespace claude_proxy::plugins
