#include "evonic/evonic_handler.hpp"

#include "common/protocol_text.hpp"
#include "common/refusal.hpp"

namespace claude_proxy::plugins {
namespace {

constexpr std::string_view kFunctionsPrefix = "functions.";

// Agent models refuse in agent terms. Each of these is a cue strong enough on its own.
const PhraseMatcher& agentRefusalPhrases() {
    static const PhraseMatcher phrases({
        "{cannot|am unable to|am not able to} {perform|take|carry out|execute|do} {any |}"
        "{actions|action|tasks} {outside|beyond} {of |}{this|the|our} {conversation|chat}",
        "{cannot|am unable to|am not able to} {directly |}{interact|communicate|connect} with "
        "{external|outside|other|third-party|your} {systems|services|tools|resources|apis|"
        "environments|environment|applications|programs|websites|software}",
        "{do not have|lack} {the |}{permission|permissions|authorization|privileges|access rights} "
        "to",
        "i am not {permitted|authorized|authorised|allowed} to {access|perform|execute|run|use|"
        "modify|read|write|interact|make|call|take}",
        "i {cannot|am unable to|am not able to} {access|read|open|modify|write to|edit|list|"
        "browse|see} {your|the|any} {files|file|filesystem|file system|local files|computer|"
        "machine|repository|repo|codebase|workspace|directory|folders|environment|server|"
        "database|system}",
        "i do not have {direct |}access to {your|the|any} {files|file system|filesystem|local "
        "files|computer|machine|repository|repo|codebase|workspace|environment|server|database|"
        "external systems|systems}",
        "i {cannot|am unable to|am not able to} {act|operate|run anything|do anything} outside "
        "{of |}{my|this|the} {sandbox|environment|conversation|chat}",
        "i am {only |just |}a {text-based|text based|language} {model|assistant|ai}",
        "i {can|am able to} only {provide|offer|give|write|produce} {text|information|guidance|"
        "instructions|suggestions}",
        "{cannot|am unable to|am not able to} take {actions|action} on your behalf",
    });
    return phrases;
}

// What agent hosts' tools act on. A model that says it cannot reach these is refusing the
// host's tools, whatever the descriptions call them.
const RefusalProfile& agentProfile() {
    static const RefusalProfile profile{
        &agentRefusalPhrases(),
        {"file",     "files",     "filesystem", "repository", "repositories", "repo",
         "codebase", "workspace", "directory",  "folder",     "folders",      "machine",
         "computer", "server",    "system",     "systems",    "environment",  "terminal",
         "shell",    "database",  "project",    "disk",       "actions",      "services"},
    };
    return profile;
}

}  // namespace

std::string canonicalToolName(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        const bool separator = c == '.' || c == '_';
        if (!separator) {
            out.push_back(c);
        } else if (out.empty() || out.back() != '_') {
            out.push_back('_');
        }
    }
    return out;
}

std::string EvonicHandler::renderInstructions(const sdk::ToolRequest& request) const {
    std::string out =
        "# Tools\n\n"
        "You are working inside an agent host. It connects you to the tools listed below and "
        "runs every call you make, with the permissions the call needs, then returns the result "
        "in the next turn. Calling these tools is how you read files, search, and act on "
        "external systems here.\n\n"
        "## Available tools\n\n";
    if (request.tools.size() <= kFullSchemaMaxTools) {
        out += renderFullCatalog(request);
    } else {
        out +=
            "One line per tool: name(parameters): what it does. A parameter marked ? is "
            "optional. Write tool names exactly as listed, dots and underscores included.\n\n";
        out += renderCompactCatalog(request, kSentenceBytes);
        if (request.choice == sdk::ToolChoice::Named) {
            if (const sdk::Tool* named = request.find(request.namedTool)) {
                sdk::ToolRequest single;
                single.tools.push_back(*named);
                out +=
                    "\nFull description of the tool you must call:\n\n" + renderFullCatalog(single);
            }
        }
        out += "\n";
    }
    return out + "## How to call a tool\n\n" + renderCallingRules(request);
}

std::optional<std::string> EvonicHandler::resolveToolName(const sdk::ToolRequest& request,
                                                          std::string_view name) const {
    if (const sdk::Tool* tool = request.find(name)) {
        return std::string(tool->name);
    }
    std::string_view bare = name;
    if (bare.substr(0, kFunctionsPrefix.size()) == kFunctionsPrefix) {
        bare.remove_prefix(kFunctionsPrefix.size());
        if (const sdk::Tool* tool = request.find(bare)) {
            return std::string(tool->name);
        }
    }
    const std::string wanted = canonicalToolName(bare);
    const sdk::Tool* match = nullptr;
    for (const sdk::Tool& tool : request.tools) {
        if (canonicalToolName(tool.name) == wanted) {
            if (match != nullptr) {
                return std::nullopt;  // ambiguous: two offered tools look alike
            }
            match = &tool;
        }
    }
    if (match == nullptr) {
        return std::nullopt;
    }
    return std::string(match->name);
}

RefusalAssessment EvonicHandler::assessReply(const sdk::ToolRequest& request,
                                             std::string_view normalizedReply) const {
    return assessRefusal(normalizedReply, request, agentProfile());
}

GenericHandler::NudgeWording EvonicHandler::nudgeWording() const {
    return {
        "Note from the agent host: you are connected to the tools listed in your "
        "instructions, and you are permitted to use every one of them. The host runs each "
        "call for you and returns the result, so a tool call is how you act outside this "
        "conversation. Reply with a block like this, using the tool name exactly as listed:",
        "This step requires a tool call: call the appropriate tool now.",
        "Carry on with the task by calling the appropriate tool now."};
}

}  // namespace claude_proxy::plugins
