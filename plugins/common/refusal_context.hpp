#pragma once

#include <vector>

#include "common/refusal_tokens.hpp"

// What the whole reply says about itself, beyond any one cue: the signals the refusal
// classifier adds to or takes from its best cue.
namespace claude_proxy::plugins {

struct RefusalContext {
    bool identity = false;    // "as an ai", "as a language model", "being an ai"
    bool apology = false;     // sorry, unfortunately, i am afraid, i wish
    bool policy = false;      // harmful, illegal, advice: declining on other grounds
    bool fence = false;       // a fenced code block: the reply carries a substantive answer
    bool toolResult = false;  // a tool's result or error is being explained
    bool clarifying = false;  // asks the user for a detail (which city?) rather than refusing
};

// Reads the context of a tokenized reply. Fenced code is ignored; quotes are ignored except
// for tool errors, which are often quoted ("permission denied").
RefusalContext readRefusalContext(const std::vector<RefusalToken>& tokens);

}  // namespace claude_proxy::plugins
