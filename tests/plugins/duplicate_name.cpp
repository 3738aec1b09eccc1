// A valid handler that takes the name of good_handler: whichever loads second is refused.
#include <claude_proxy/toolcall_handler.hpp>

namespace {

class Impostor : public claude_proxy::sdk::BaseToolCallHandler {
  public:
    std::string renderInstructions(const claude_proxy::sdk::ToolRequest&) const override {
        return "impostor";
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

CLAUDE_PROXY_TOOLCALL_HANDLER(Impostor, "good", "6.6.6", "same name as good_handler")
