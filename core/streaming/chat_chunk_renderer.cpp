#include "streaming/chat_chunk_renderer.hpp"

namespace claude_proxy::streaming {

std::string ChatChunkRenderer::begin() {
    return roleFrame(identity_);
}

std::string ChatChunkRenderer::reasoning(std::string_view text) {
    return reasoningFrame(identity_, text);
}

std::string ChatChunkRenderer::content(std::string_view text) {
    return contentFrame(identity_, text);
}

std::string ChatChunkRenderer::toolCall(std::size_t index, const openai::ToolCallRecord& call) {
    return toolCallFrames(identity_, index, call);
}

std::string ChatChunkRenderer::finish(const std::string& finishReason, const openai::Usage& usage) {
    std::string frames = finishFrame(identity_, finishReason);
    if (identity_.includeUsage) {
        frames += usageFrame(identity_, usage);
    }
    return frames + doneFrame();
}

std::string ChatChunkRenderer::error(const openai::ApiError& error) {
    return errorFrame(error) + doneFrame();
}

std::string ChatChunkRenderer::keepAlive() {
    return keepAliveFrame();
}

}  // namespace claude_proxy::streaming
