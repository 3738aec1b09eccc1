#include "common/refusal_context.hpp"

#include "common/refusal_lexicon.hpp"
#include "common/refusal_phrases.hpp"

namespace claude_proxy::plugins {
namespace {

namespace words = refusal_words;

const PhraseMatcher& identityPhrases() {
    static const PhraseMatcher matcher({
        "as {an|a} {|large |text-based |text based |digital |virtual |general-purpose }{ai|ai "
        "model|ai language model|ai assistant|language model|model|llm|chatbot|assistant|bot|ai "
        "system}",
        "being {an|a} {|large |text-based }{ai|language model|ai model|ai assistant|llm|chatbot}",
        "i am {an|a} {|large |text-based }{ai|ai model|ai language model|ai assistant|language "
        "model|llm|chatbot}",
    });
    return matcher;
}

// A reply that explains what a tool returned is the end of a tool loop, even when it says
// "i could not get" or "cannot be read".
const PhraseMatcher& toolResultPhrases() {
    static const PhraseMatcher matcher({
        "{the|that|this|my|your|its} {tool|function|call|search|request|api|query|lookup|command|"
        "script|fetch|page|server|build|test|tests|weather tool|search tool|time tool|news tool|"
        "calendar tool|tool call|weather api} {returned|failed|errored|timed out|came back|gave|"
        "produced|responded|threw|raised|reported|says|said|shows|showed|exited|was rejected}",
        "returned {an|a|no} {error|errors|results|result|nothing|empty}",
        "{an|the} error {message|code}",
        "{status|exit} code",
        "exited with",
        "according to the {tool|search|results|result|data|output|api|time tool|weather tool|"
        "calendar tool|search results}",
        "the {results|result|output|response|search results} {show|shows|indicate|indicates|say|"
        "says|suggest|suggests|contain|contains}",
        "i {tried|attempted} {to|calling|using|running|searching|fetching|reading}",
        "{previous|last|earlier|first} {call|attempt|search|request|tool call}",
        "{permission denied|not found|rate limit|timed out|paywall|forbidden|unauthorized}",
        "{403|404|500|502|503}",
        "tool result",
        "{call|request|search|command|lookup} {timed out|failed}",
    });
    return matcher;
}

// Questions that ask for a missing detail; they count only in a reply that asks something.
const PhraseMatcher& clarifyingQuestions() {
    static const PhraseMatcher matcher({
        "{which|what} {city|one|file|date|day|location|place|branch|version|ticker|symbol|stock|"
        "timezone|language|format|account|project|repository|repo|name|title|path|folder|"
        "directory|option|command|test|currency|amount|section|part|topic|model|country|region|"
        "address|event}",
        "{did|do} you mean",
        "{could|can|would} you {tell me|let me know|specify|clarify|confirm|say which|give me}",
        "where {are|do} you",
    });
    return matcher;
}

// Requests for a missing detail that need no question mark.
const PhraseMatcher& clarifyingRequests() {
    static const PhraseMatcher matcher({
        "please {specify|clarify|confirm|tell me|let me know}",
        "let me know {the|which|what|where}",
        "without knowing",
    });
    return matcher;
}

}  // namespace

RefusalContext readRefusalContext(const std::vector<RefusalToken>& tokens) {
    RefusalContext context;
    bool question = false;
    bool workaround = false;
    bool clarifyingQuestion = false;
    bool clarifyingRequest = false;
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        const RefusalToken& token = tokens[at];
        context.fence = context.fence || token.fence;
        if (token.fenced) {
            continue;
        }
        context.toolResult = context.toolResult || toolResultPhrases().matchEnd(tokens, at) != 0;
        if (token.code || token.quoted) {
            continue;
        }
        question = question || token.text == "?";
        if (token.word) {
            const std::uint32_t classes = words::wordClasses(token.text);
            context.apology = context.apology || (classes & words::kApology) != 0;
            context.policy = context.policy || (classes & words::kPolicy) != 0;
            workaround = workaround || (classes & words::kWorkaround) != 0;
        }
        context.identity = context.identity || identityPhrases().matchEnd(tokens, at) != 0;
        clarifyingQuestion = clarifyingQuestion || clarifyingQuestions().matchEnd(tokens, at) != 0;
        clarifyingRequest = clarifyingRequest || clarifyingRequests().matchEnd(tokens, at) != 0;
    }
    // "Could you paste the file?" asks the user to do the tool's job: that is a refusal.
    context.clarifying = !workaround && ((question && clarifyingQuestion) || clarifyingRequest);
    return context;
}

}  // namespace claude_proxy::plugins
