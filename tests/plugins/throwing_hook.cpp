// Hooks that throw, built with the SDK: its wrapper must turn each throw into CP_STATUS_ERROR
// with the message, so that the host fails that one call and the next call works.
#include <claude_proxy/toolcall_handler.hpp>

#include <stdexcept>

namespace {

class Thrower : public claude_proxy::sdk::BaseToolCallHandler {
  public:
    // Throws something that is not a std::exception.
    std::string renderInstructions(const claude_proxy::sdk::ToolRequest&) const override {
        throw 42;
    }
    std::string renderAssistantTurn(
        std::string_view content, const std::vector<claude_proxy::sdk::ToolCall>&) const override {
        return std::string(content);
    }
    // Throws only for a reply that contains "boom".
    claude_proxy::sdk::ParsedReply parseReply(const claude_proxy::sdk::ToolRequest&,
                                              std::string_view reply) const override {
        if (reply.find("boom") != std::string_view::npos) {
            throw std::runtime_error("cannot parse a reply with boom in it");
        }
        return {std::string(reply), {}};
    }
};

}  // namespace

CLAUDE_PROXY_TOOLCALL_HANDLER(Thrower, "throwing", "1.0.0", "throws from its hooks")
