// An example tool-call handler: teaches the model to call a tool by writing
//
//     <call name="get_weather">{"city": "Oslo"}</call>
//
// and finds those tags in its reply. Everything outside complete tags is the answer's text.
// Self-contained (C++17 standard library only); loaded by claude-proxy as "example".
#include <claude_proxy/toolcall_handler.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using claude_proxy::sdk::BaseToolCallHandler;
using claude_proxy::sdk::LogLevel;
using claude_proxy::sdk::ParsedCall;
using claude_proxy::sdk::ParsedReply;
using claude_proxy::sdk::RefusalVerdict;
using claude_proxy::sdk::StreamScanner;
using claude_proxy::sdk::ToolCall;
using claude_proxy::sdk::ToolChoice;
using claude_proxy::sdk::ToolRequest;

constexpr std::string_view kOpen = "<call name=\"";
constexpr std::string_view kOpenEnd = "\">";
constexpr std::string_view kClose = "</call>";

// Phrases with which a model claims it has no tools, in lower case.
constexpr std::string_view kRefusalPhrases[] = {
    "i can't call",           "i cannot call",  "i don't have access to", "i do not have access to",
    "i'm unable to",          "i am unable to", "i can't access",         "i cannot access",
    "don't have the ability",
};

std::string_view trim(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string callTag(std::string_view name, std::string_view argumentsJson) {
    std::string tag(kOpen);
    tag.append(name).append(kOpenEnd);
    tag.append(argumentsJson.empty() ? std::string_view("{}") : argumentsJson);
    tag.append(kClose);
    return tag;
}

std::string choiceRule(const ToolRequest& request) {
    switch (request.choice) {
        case ToolChoice::Required:
            return "You must call at least one tool in this reply.";
        case ToolChoice::Named:
            return "You must call the tool \"" + std::string(request.namedTool) +
                   "\" in this reply.";
        case ToolChoice::Auto:
        case ToolChoice::None:
            break;
    }
    return "Call a tool only when it helps; otherwise answer normally, without any tag.";
}

// safeContentLength's rule for `text`, knowing that no tag starts before `searchFrom`.
std::size_t safePrefix(std::string_view text, std::size_t searchFrom) {
    const std::size_t open = text.find(kOpen, searchFrom);
    if (open != std::string_view::npos) {
        return open;
    }
    // The longest tail that is a prefix of kOpen might still become a tag.
    const std::size_t longest = std::min(text.size(), kOpen.size() - 1);
    for (std::size_t length = longest; length > 0; --length) {
        if (text.substr(text.size() - length) == kOpen.substr(0, length)) {
            return text.size() - length;
        }
    }
    return text.size();
}

// Keeps the reply and where the search may resume: a tag can begin no earlier than the last
// answer (everything before it was content). Once a tag is found the answer never changes.
class TagScanner : public StreamScanner {
  public:
    std::size_t feed(std::string_view delta) override {
        if (!found_) {
            text_.append(delta);
            safe_ = safePrefix(text_, safe_);
            found_ = text_.compare(safe_, kOpen.size(), kOpen) == 0;
        }
        return safe_;
    }

  private:
    std::string text_;
    std::size_t safe_ = 0;
    bool found_ = false;
};

class CallTagHandler : public BaseToolCallHandler {
  public:
    std::string renderInstructions(const ToolRequest& request) const override {
        std::string text =
            "# Tools\n\n"
            "You can use the tools below. To call one, write a tag like this, with the "
            "arguments as one JSON object that matches the tool's parameters:\n\n" +
            callTag("TOOL_NAME", "{\"argument\": \"value\"}") +
            "\n\nAfter your call tags, stop: the results come back in the next message as "
            "<result call=\"ID\" name=\"TOOL_NAME\">...</result>. Never write a result "
            "yourself.\n\nAvailable tools:\n";
        for (const auto& tool : request.tools) {
            text.append("- ").append(tool.name);
            if (!tool.description.empty()) {
                text.append(": ").append(tool.description);
            }
            text.append("\n  parameters: ").append(tool.parametersJson).append("\n");
        }
        text.append("\n").append(choiceRule(request)).append("\n");
        text.append(request.parallelToolCalls ? "You may call several tools in one reply.\n"
                                              : "Call at most one tool per reply.\n");
        return text;
    }

    std::string renderAssistantTurn(std::string_view content,
                                    const std::vector<ToolCall>& calls) const override {
        std::string text(content);
        for (const auto& call : calls) {
            if (!text.empty()) {
                text.append("\n");
            }
            text.append(callTag(call.name, call.argumentsJson));
        }
        return text;
    }

    std::string renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                 std::string_view content) const override {
        std::string text = "<result call=\"";
        text.append(toolCallId).append("\" name=\"").append(toolName).append("\">\n");
        text.append(content).append("\n</result>");
        return text;
    }

    ParsedReply parseReply(const ToolRequest&, std::string_view reply) const override {
        ParsedReply parsed;
        std::size_t pos = 0;
        while (pos < reply.size()) {
            const std::size_t open = reply.find(kOpen, pos);
            if (open == std::string_view::npos) {
                break;
            }
            const std::size_t nameStart = open + kOpen.size();
            const std::size_t nameEnd = reply.find(kOpenEnd, nameStart);
            const std::size_t close = nameEnd == std::string_view::npos
                                          ? std::string_view::npos
                                          : reply.find(kClose, nameEnd + kOpenEnd.size());
            const std::string_view name = nameEnd == std::string_view::npos
                                              ? std::string_view()
                                              : reply.substr(nameStart, nameEnd - nameStart);
            if (close == std::string_view::npos || name.empty() ||
                name.find_first_of("\"<>\n") != std::string_view::npos) {
                // Not a complete tag: leave it, and the rest of the reply, as text.
                host().log(LogLevel::Debug, "an unfinished call tag was kept as text");
                break;
            }
            const std::size_t argsStart = nameEnd + kOpenEnd.size();
            parsed.content.append(reply.substr(pos, open - pos));
            parsed.toolCalls.push_back(ParsedCall{
                std::string(name), std::string(trim(reply.substr(argsStart, close - argsStart)))});
            pos = close + kClose.size();
        }
        parsed.content.append(reply.substr(std::min(pos, reply.size())));
        return parsed;
    }

    // Everything before the first "<call name=\"" can be sent; so can a tail that cannot be
    // the start of one.
    std::size_t safeContentLength(const ToolRequest&, std::string_view replySoFar) const override {
        return safePrefix(replySoFar, 0);
    }

    // Streaming: the same answer, but each piece of the reply is searched once. The scanner
    // lives for one reply; the host feeds it from one thread at a time.
    std::unique_ptr<StreamScanner> beginStream(const ToolRequest&) const override {
        return std::make_unique<TagScanner>();
    }

    RefusalVerdict checkRefusal(const ToolRequest& request, std::string_view reply,
                                bool lastTurnWasToolResult) const override {
        RefusalVerdict verdict;
        if (lastTurnWasToolResult) {
            return verdict;  // answering from tool results is what should happen now
        }
        const bool callRequired =
            request.choice == ToolChoice::Required || request.choice == ToolChoice::Named;
        const std::string lower = lowerCase(reply);
        bool claimsNoTools = false;
        for (const auto phrase : kRefusalPhrases) {
            claimsNoTools = claimsNoTools || lower.find(phrase) != std::string::npos;
        }
        if (!callRequired && !claimsNoTools) {
            return verdict;
        }
        verdict.isRefusal = true;
        verdict.nudge = "You do have tools in this conversation. " + choiceRule(request) +
                        " Reply again and call a tool by writing " + callTag("TOOL_NAME", "{...}") +
                        ".";
        return verdict;
    }
};

}  // namespace

CLAUDE_PROXY_TOOLCALL_HANDLER(CallTagHandler, "example", "1.0.0",
                              "Example: tools are called with <call name=\"...\">{json}</call>")
