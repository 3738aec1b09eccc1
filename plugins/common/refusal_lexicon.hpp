#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The words the refusal detector knows, by the part they play in a refusal. A word may have
// several classes ("file" is a verb and a thing).
namespace claude_proxy::plugins::refusal_words {

enum : std::uint32_t {
    kFiller = 1U << 0,         // adverbs between subject, negation and verb: really, directly
    kAuxiliary = 1U << 1,      // am, do, will, could, have, be
    kStrongVerb = 1U << 2,     // what tools are for: browse, access, execute, fetch, look up
    kNeutralVerb = 1U << 3,    // what tools may do: use, get, send, create, read
    kFindVerb = 1U << 4,       // find, locate: "I can't find X" usually reports that X is absent
    kUnrelatedVerb = 1U << 5,  // never about tools: recommend, stress, wait, guarantee, be
    kCapability = 1U << 6,     // tools, functions, internet, web, browsing, live, code, shell
    kExternal = 1U << 7,       // external, third-party: weak on their own
    kTimely = 1U << 8,         // current, latest, today's: with kData, live data
    kData = 1U << 9,           // data, prices, news, weather, rates
    kAbstract = 1U << 10,      // access, ability, capability, means, permission, way
    kPrivate = 1U << 11,       // the user's things: calendar, files, screen (unless offered)
    kPersonal = 1U << 12,      // opinions, emotions, idea: an inability no tool changes
    kInsufficient = 1U << 13,  // enough, sufficient: missing input, not missing tools
    kApology = 1U << 14,       // sorry, unfortunately, afraid
    kPolicy = 1U << 15,        // harmful, illegal, advice: declining on other grounds
    kClauseBreak = 1U << 16,   // but, however, although: what follows is another thought
    kHypothetical = 1U << 17,  // if, when, unless: "if I can't reach it, …" claims nothing
    kWorkaround = 1U << 18,    // paste, upload, yourself: the user asked to do the tool's job
    kHaveVerb = 1U << 19,      // have, possess: "I don't have …" names what is missing
    kStateWord = 1U << 20,     // equipped, connected, set (up), configured, given
    kPermission = 1U << 21,    // permitted, allowed, authorized
    kTransfer = 1U << 22,      // think, believe: "I don't think I can …"
    kRequestRef = 1U << 23,    // that, this, it: the request itself ("I can't do that")
    // code, function, script, command, link: the user's things as often as a capability; one
    // only next to kExecution ("run code", "function calls", "functions available")
    kArtifact = 1U << 24,
    kExecution = 1U << 25,  // run, execute, call, invoke, interpreter, available, access, use
    kDefinite = 1U << 26,   // the, your, that: "i do not have the code you mean" lacks input
};

// The classes of a normalized word; plural and -ing forms fall back to their stem.
std::uint32_t wordClasses(std::string_view word);

// `word` without a plural ending (tools -> tool, currencies -> currency). Words the lexicon knows
// as written ("news", "access", "status") are kept.
std::string singular(std::string_view word);

}  // namespace claude_proxy::plugins::refusal_words
