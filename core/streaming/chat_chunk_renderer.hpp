#pragma once

#include "streaming/answer_renderer.hpp"
#include "streaming/chunk_renderer.hpp"

namespace claude_proxy::streaming {

// The chat completions stream: a role chunk, content chunks (reasoning goes in
// delta.reasoning_content), two chunks per tool call, the finish chunk, the usage chunk when
// the client asked for it, then [DONE]; errors as an error data event and [DONE].
class ChatChunkRenderer : public AnswerRenderer {
  public:
    explicit ChatChunkRenderer(ChunkIdentity identity) : identity_(std::move(identity)) {}

    void setModel(std::string_view model) override { identity_.model = model; }
    std::string begin() override;
    std::string reasoning(std::string_view text) override;
    std::string content(std::string_view text) override;
    std::string toolCall(std::size_t index, const openai::ToolCallRecord& call) override;
    std::string finish(const std::string& finishReason, const openai::Usage& usage) override;
    std::string error(const openai::ApiError& error) override;
    std::string keepAlive() override;

  private:
    ChunkIdentity identity_;
};

}  // namespace claude_proxy::streaming
