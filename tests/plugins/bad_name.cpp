// A handler whose name breaks the [a-z0-9_-]{1,64} rule (capitals and a space).
#include <claude_proxy/toolcall_handler.hpp>

namespace {

class BadlyNamed : public claude_proxy::sdk::BaseToolCallHandler {
  public:
    std::string renderInstructions(const claude_proxy::sdk::ToolRequest&) const override {
        return {};
    }
    std::string renderAssistantTurn(
        std::string_view content, const std::vector<claude_proxy::sdk::ToolCall>&) const override {
        return std::string(content);
    }
    claude_proxy::sdk::ParsedReply parseReply(const claude_proxy::sdk::ToolRequest&,
                                              std::string_view reply) const override {
        return {std::string(reply), {}};
    }
};

}  // namespace

CLAUDE_PROXY_TOOLCALL_HANDLER(BadlyNamed, "Bad Name", "1.0.0", "refused for its name")
