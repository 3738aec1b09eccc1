#include "generic/generic_handler.hpp"

#include "common/protocol_text.hpp"
#include "common/refusal.hpp"
#include "common/reply_assembly.hpp"
#include "common/reply_scanner.hpp"
#include "common/reply_stream_scanner.hpp"

namespace claude_proxy::plugins {

std::string GenericHandler::renderInstructions(const sdk::ToolRequest& request) const {
    return "# Tools\n\n"
           "You can use the tools listed below. The application you are talking to runs them "
           "for you: when you call a tool, it executes the call and sends you the result in the "
           "next turn. These tools are real and available to you in this conversation.\n\n"
           "## Available tools\n\n" +
           renderFullCatalog(request) + "## How to call a tool\n\n" + renderCallingRules(request);
}

std::string GenericHandler::renderAssistantTurn(std::string_view content,
                                                const std::vector<sdk::ToolCall>& calls) const {
    return renderCallTurn(content, calls);
}

std::string GenericHandler::renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                             std::string_view content) const {
    return renderResultBlock(toolCallId, toolName, content);
}

sdk::ParsedReply GenericHandler::parseReply(const sdk::ToolRequest& request,
                                            std::string_view reply) const {
    return parseProtocolReply(reply, resolverFor(request), request.parallelToolCalls);
}

std::size_t GenericHandler::safeContentLength(const sdk::ToolRequest& request,
                                              std::string_view replySoFar) const {
    return safeProtocolPrefix(replySoFar, resolverFor(request));
}

std::unique_ptr<sdk::StreamScanner> GenericHandler::beginStream(
    const sdk::ToolRequest& request) const {
    return std::make_unique<ReplyStreamScanner>(resolverFor(request));
}

sdk::RefusalVerdict GenericHandler::checkRefusal(const sdk::ToolRequest& request,
                                                 std::string_view reply,
                                                 bool lastTurnWasToolResult) const {
    sdk::RefusalVerdict verdict;
    switch (request.choice) {
        case sdk::ToolChoice::None:
            return verdict;
        case sdk::ToolChoice::Required:
        case sdk::ToolChoice::Named:
            verdict.isRefusal = true;  // a call was demanded and none came
            break;
        case sdk::ToolChoice::Auto:
            if (!lastTurnWasToolResult && !request.tools.empty()) {
                const RefusalAssessment assessment =
                    assessReply(request, normalizeForMatching(reply));
                verdict.isRefusal = assessment.isRefusal;
                // Why a retry was (or was not) made is worth seeing when a client complains.
                host().log(assessment.isRefusal ? sdk::LogLevel::Info : sdk::LogLevel::Debug,
                           "refusal check: " + describeAssessment(assessment));
            }
            break;
    }
    if (verdict.isRefusal) {
        verdict.nudge = renderNudge(request);
    }
    return verdict;
}

std::optional<std::string> GenericHandler::resolveToolName(const sdk::ToolRequest& request,
                                                           std::string_view name) const {
    if (const sdk::Tool* tool = request.find(name)) {
        return std::string(tool->name);
    }
    return std::nullopt;
}

RefusalAssessment GenericHandler::assessReply(const sdk::ToolRequest& request,
                                              std::string_view normalizedReply) const {
    return assessRefusal(normalizedReply, request);
}

GenericHandler::NudgeWording GenericHandler::nudgeWording() const {
    return {
        "Reminder: the tools listed in your instructions are available to you in this "
        "conversation, and the application runs them for you. To call one, reply with a "
        "fenced block like this:",
        "This reply must call at least one tool: call the appropriate tool now.",
        "Call the appropriate tool now instead of saying that you cannot."};
}

std::string GenericHandler::renderNudge(const sdk::ToolRequest& request) const {
    const NudgeWording wording = nudgeWording();
    std::string out =
        std::string(wording.opening) + "\n\n```tool_call\n" + exampleCall(request) + "\n```\n\n";
    switch (request.choice) {
        case sdk::ToolChoice::Named:
            out += "Call the tool " + std::string(request.namedTool) + " now.";
            break;
        case sdk::ToolChoice::Required:
            out += wording.required;
            break;
        default:
            out += wording.otherwise;
            break;
    }
    return out;
}

NameResolver GenericHandler::resolverFor(const sdk::ToolRequest& request) const {
    return [this, &request](std::string_view name) { return resolveToolName(request, name); };
}

}  // namespace claude_proxy::plugins
