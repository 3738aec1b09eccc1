// A well-behaved handler built with the SDK. Its output echoes what it was given in a fixed
// format, so the loader tests can check every conversion across the ABI, hook by hook.
//
// Protocol: a line "CALL <name> <arguments json>" is a tool call; every other line is content.
#include <claude_proxy/toolcall_handler.hpp>

#include <string>

namespace {

using claude_proxy::sdk::BaseToolCallHandler;
using claude_proxy::sdk::LogLevel;
using claude_proxy::sdk::ParsedReply;
using claude_proxy::sdk::RefusalVerdict;
using claude_proxy::sdk::ToolCall;
using claude_proxy::sdk::ToolChoice;
using claude_proxy::sdk::ToolRequest;

constexpr std::string_view kCallPrefix = "CALL ";

std::string choiceText(const ToolRequest& request) {
    switch (request.choice) {
        case ToolChoice::None:
            return "none";
        case ToolChoice::Required:
            return "required";
        case ToolChoice::Named:
            return "named:" + std::string(request.namedTool);
        case ToolChoice::Auto:
            break;
    }
    return "auto";
}

// Not std::to_string: GCC 12 gives that a static local with STB_GNU_UNIQUE binding, which can
// keep a library mapped after dlclose(), and the registry tests check that this one unmaps.
std::string countText(std::size_t count) {
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + count % 10));
        count /= 10;
    } while (count != 0);
    return digits;
}

class GoodHandler : public BaseToolCallHandler {
  public:
    ~GoodHandler() override { host().log(LogLevel::Info, "shutting down"); }

    std::string renderInstructions(const ToolRequest& request) const override {
        host().log(LogLevel::Info,
                   "instructions for " + countText(request.tools.size()) + " tools");
        std::string text = "choice=" + choiceText(request) +
                           " parallel=" + (request.parallelToolCalls ? "1" : "0") + "\n";
        for (const auto& tool : request.tools) {
            text.append("tool ").append(tool.name).append("|").append(tool.description);
            text.append("|").append(tool.parametersJson).append("\n");
        }
        return text;
    }

    std::string renderAssistantTurn(std::string_view content,
                                    const std::vector<ToolCall>& calls) const override {
        std::string text = "content=";
        text.append(content).append("\n");
        for (const auto& call : calls) {
            text.append("call ").append(call.id).append(" ").append(call.name).append(" ");
            text.append(call.argumentsJson).append("\n");
        }
        return text;
    }

    std::string renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                 std::string_view content) const override {
        std::string text = "result ";
        text.append(toolCallId).append(" ").append(toolName).append(": ").append(content);
        return text;
    }

    ParsedReply parseReply(const ToolRequest&, std::string_view reply) const override {
        ParsedReply parsed;
        std::size_t start = 0;
        while (start < reply.size()) {
            std::size_t end = reply.find('\n', start);
            end = end == std::string_view::npos ? reply.size() : end + 1;
            const std::string_view line = reply.substr(start, end - start);
            if (line.substr(0, kCallPrefix.size()) == kCallPrefix) {
                std::string_view rest = line.substr(kCallPrefix.size());
                if (!rest.empty() && rest.back() == '\n') {
                    rest.remove_suffix(1);
                }
                const std::size_t space = rest.find(' ');
                parsed.toolCalls.push_back(
                    {std::string(rest.substr(0, space)),
                     space == std::string_view::npos ? "" : std::string(rest.substr(space + 1))});
            } else {
                parsed.content.append(line);
            }
            start = end;
        }
        return parsed;
    }

    std::size_t safeContentLength(const ToolRequest&, std::string_view replySoFar) const override {
        const std::size_t call = replySoFar.find(kCallPrefix);
        return call == std::string_view::npos ? replySoFar.size() : call;
    }

    RefusalVerdict checkRefusal(const ToolRequest& request, std::string_view reply,
                                bool lastTurnWasToolResult) const override {
        RefusalVerdict verdict;
        if (!lastTurnWasToolResult && reply.find("cannot") != std::string_view::npos) {
            verdict.isRefusal = true;
            verdict.nudge = "You can: write CALL <name> <json> (" + choiceText(request) + ")";
        }
        return verdict;
    }
};

}  // namespace

CLAUDE_PROXY_TOOLCALL_HANDLER(GoodHandler, "good", "1.2.3", "echoes its input, for tests")
