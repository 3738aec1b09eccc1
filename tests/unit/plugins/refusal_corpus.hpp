#pragma once

// The refusal corpus: replies a model wrote without a tool call although tools were offered,
// each labelled as a false refusal or as an ordinary answer. The replies themselves are in
// refusal_corpus_refusals.hpp and refusal_corpus_answers.hpp; this header holds what they share:
// the tool sets they were written against.

#include <string_view>
#include <vector>

#include "plugin_test_support.hpp"

namespace claude_proxy::plugins::test {

// The tools offered when the reply was written. Standard, Market and Office go to the generic
// handler; Agent and Dev (namespaced names, file and shell tools) go to evonic.
enum class CorpusTools { Standard, Market, Office, Agent, Dev };

struct CorpusReply {
    CorpusTools tools;
    std::string_view text;
};

inline bool corpusUsesEvonic(CorpusTools tools) {
    return tools == CorpusTools::Agent || tools == CorpusTools::Dev;
}

inline std::vector<ToolSpec> marketTools() {
    return {
        {"get_stock_quote", "Get the latest stock price for a ticker symbol.",
         R"({"type":"object","properties":{"symbol":{"type":"string"}},"required":["symbol"]})"},
        {"convert_currency", "Convert an amount between currencies using today's exchange rates.",
         R"({"type":"object","properties":{"amount":{"type":"number"},"from":{"type":"string"},)"
         R"("to":{"type":"string"}},"required":["amount","from","to"]})"},
        {"get_news", "Fetch recent news headlines about a topic.",
         R"({"type":"object","properties":{"topic":{"type":"string"}},"required":["topic"]})"},
    };
}

inline std::vector<ToolSpec> officeTools() {
    return {
        {"send_email", "Send an email on the user's behalf.",
         R"({"type":"object","properties":{"to":{"type":"string"},"subject":{"type":"string"},)"
         R"("body":{"type":"string"}},"required":["to","subject","body"]})"},
        {"create_calendar_event", "Create an event in the user's calendar.",
         R"({"type":"object","properties":{"title":{"type":"string"},"start":{"type":"string"},)"
         R"("end":{"type":"string"}},"required":["title","start"]})"},
        {"list_calendar_events", "List events from the user's calendar between two dates.",
         R"({"type":"object","properties":{"from":{"type":"string"},"to":{"type":"string"}}})"},
        {"lookup_contact", "Find a contact's email address and phone number.",
         R"({"type":"object","properties":{"name":{"type":"string"}},"required":["name"]})"},
    };
}

// A coding agent's tools: files, a shell, git, a ticket tracker, the web.
inline std::vector<ToolSpec> devTools() {
    return {
        {"fs.read_file", "Read a file from the workspace. Returns its text.",
         R"({"type":"object","properties":{"path":{"type":"string"}},"required":["path"]})"},
        {"fs.write_file", "Write text to a file in the workspace, replacing it.",
         R"({"type":"object","properties":{"path":{"type":"string"},"text":{"type":"string"}},)"
         R"("required":["path","text"]})"},
        {"shell.exec", "Run a shell command in the workspace and return its output.",
         R"({"type":"object","properties":{"command":{"type":"string"}},"required":["command"]})"},
        {"git.diff", "Show the uncommitted changes in the repository.", "{}"},
        {"mcp__jira__create_ticket", "Create a Jira ticket.",
         R"({"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]})"},
        {"web.fetch", "Fetch a URL and return the page text.",
         R"({"type":"object","properties":{"url":{"type":"string"}},"required":["url"]})"},
    };
}

inline std::vector<ToolSpec> corpusToolSpecs(CorpusTools tools) {
    switch (tools) {
        case CorpusTools::Standard:
            return standardTools();
        case CorpusTools::Market:
            return marketTools();
        case CorpusTools::Office:
            return officeTools();
        case CorpusTools::Agent:
            return agentTools();
        case CorpusTools::Dev:
            return devTools();
    }
    return {};
}

}  // namespace claude_proxy::plugins::test
