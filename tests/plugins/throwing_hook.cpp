// Hooks that throw, built with the SDK: its wrapper must turn each throw into CP_STATUS_ERROR
// with the message, so that the host fails that one call and the next call works.
#include <claude_proxy/toolcall_handler.hpp>

#include <memory>
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

    // Streaming: no scanner at all for a request without tools, a nullptr one for a named
    // choice, and otherwise one whose feed throws on a delta with "boom" in it.
    std::unique_ptr<claude_proxy::sdk::StreamScanner> beginStream(
        const claude_proxy::sdk::ToolRequest& request) const override {
        if (request.tools.empty()) {
            throw std::runtime_error("no scanner without tools");
        }
        if (request.choice == claude_proxy::sdk::ToolChoice::Named) {
            return nullptr;
        }
        return std::make_unique<BoomScanner>();
    }

  private:
    class BoomScanner : public claude_proxy::sdk::StreamScanner {
      public:
        std::size_t feed(std::string_view delta) override {
            if (delta.find("boom") != std::string_view::npos) {
                throw std::runtime_error("cannot scan a delta with boom in it");
            }
            fed_ += delta.size();
            return fed_;
        }

      private:
        std::size_t fed_ = 0;
    };
};

}  // namespace

CLAUDE_PROXY_TOOLCALL_HANDLER(Thrower, "throwing", "1.0.0", "throws from its hooks")
