#include "common/protocol_text.hpp"

#include <algorithm>

#include "common/json_text.hpp"
#include "common/schema_summary.hpp"
#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

// The offered tool the examples use.
const sdk::Tool* exampleTool(const sdk::ToolRequest& request) {
    if (request.choice == sdk::ToolChoice::Named) {
        if (const sdk::Tool* named = request.find(request.namedTool)) {
            return named;
        }
    }
    return request.tools.empty() ? nullptr : &request.tools.front();
}

std::size_t longestBacktickRun(std::string_view text) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

}  // namespace

std::string renderFullCatalog(const sdk::ToolRequest& request) {
    std::string out;
    for (const sdk::Tool& tool : request.tools) {
        out.append("### ").append(tool.name).append("\n");
        const std::string_view description = trim(tool.description);
        if (!description.empty()) {
            out.append(description).append("\n");
        }
        out.append("Parameters (JSON Schema): ")
            .append(compactSchema(tool.parametersJson))
            .append("\n\n");
    }
    return out;
}

std::string renderCompactCatalog(const sdk::ToolRequest& request, std::size_t sentenceBytes) {
    std::string out;
    for (const sdk::Tool& tool : request.tools) {
        out.append("- ").append(tool.name).append("(");
        bool first = true;
        for (const auto& parameter : summarizeParameters(tool.parametersJson)) {
            out.append(first ? "" : ", ").append(parameter.name);
            out.append(parameter.required ? ": " : "?: ").append(parameter.type);
            first = false;
        }
        out.append(")");
        const std::string sentence = firstSentence(tool.description, sentenceBytes);
        if (!sentence.empty()) {
            out.append(": ").append(sentence);
        }
        out.append("\n");
    }
    return out;
}

std::string renderChoiceRule(const sdk::ToolRequest& request) {
    switch (request.choice) {
        case sdk::ToolChoice::Required:
            return "In this reply you must call at least one of the tools above.";
        case sdk::ToolChoice::Named:
            return "In this reply you must call the tool " + std::string(request.namedTool) +
                   ", and no other tool.";
        default:
            return "Call a tool whenever one helps with the request; when none is needed, "
                   "answer directly.";
    }
}

std::string exampleCall(const sdk::ToolRequest& request) {
    const sdk::Tool* tool = exampleTool(request);
    if (tool == nullptr) {
        return R"({"name": "tool_name", "arguments": {}})";
    }
    return "{\"name\": " + quoteJsonString(tool->name) +
           ", \"arguments\": " + exampleArguments(tool->parametersJson) + "}";
}

std::string renderCallingRules(const sdk::ToolRequest& request) {
    std::string out =
        "To call a tool, write a fenced code block whose info string is tool_call and whose "
        "body is one JSON object with the tool's name and its arguments, like this:\n\n"
        "```tool_call\n" +
        exampleCall(request) +
        "\n```\n\n"
        "- \"arguments\" is a JSON object that follows the tool's parameters; use {} when the "
        "tool takes none.\n";
    if (request.parallelToolCalls) {
        out +=
            "- One block per call. To call several tools at once, write several blocks one "
            "after another.\n";
    } else {
        out +=
            "- Call at most one tool per reply: write a single block, and make any further call "
            "after its result has arrived.\n";
    }
    out +=
        "- You may write a short sentence before the call. After the last block, stop: write "
        "nothing after it, and never guess or invent a result.\n"
        "- The results arrive in the next turn, one block per call, like this (never write "
        "such a block yourself):\n\n"
        "```tool_result\n"
        "{\"tool_call_id\": \"call_1\", \"name\": \"<tool name>\"}\n"
        "<the tool's output>\n"
        "```\n\n"
        "- Only a tool_call block calls a tool. JSON or code anywhere else in your reply is "
        "shown to the user as it is.\n- ";
    out += renderChoiceRule(request);
    out += "\n";
    return out;
}

std::string renderCallBlock(std::string_view name, std::string_view argumentsJson) {
    std::string arguments;
    if (trim(argumentsJson).empty()) {
        arguments = "{}";
    } else if (isValidJson(argumentsJson) && jsonKind(argumentsJson) == JsonKind::Object) {
        arguments = compactJson(trim(argumentsJson));
    } else {
        arguments = quoteJsonString(argumentsJson);
    }
    return "```tool_call\n{\"name\": " + quoteJsonString(name) + ", \"arguments\": " + arguments +
           "}\n```";
}

std::string renderCallTurn(std::string_view content, const std::vector<sdk::ToolCall>& calls) {
    std::string out(trimRight(content));
    for (const sdk::ToolCall& call : calls) {
        if (!out.empty()) {
            out += "\n\n";
        }
        out += renderCallBlock(call.name, call.argumentsJson);
    }
    return out;
}

std::string renderResultBlock(std::string_view toolCallId, std::string_view toolName,
                              std::string_view content) {
    const std::string fence(std::max<std::size_t>(3, longestBacktickRun(content) + 1), '`');
    std::string out = fence + "tool_result\n{\"tool_call_id\": " + quoteJsonString(toolCallId) +
                      ", \"name\": " + quoteJsonString(toolName) + "}\n";
    out.append(content);
    if (!content.empty() && content.back() != '\n') {
        out += "\n";
    }
    return out + fence;
}

}  // namespace claude_proxy::plugins
