#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "openai/api_error.hpp"
#include "openai/chat_completion.hpp"
#include "openai/tool_types.hpp"

namespace claude_proxy::streaming {

// The wire format of one streamed answer. The StreamTranslator decides what the answer says
// and when (reasoning, content, tool calls, the end); a renderer writes each step as the frames
// of its API: chat.completion.chunk events (ChatChunkRenderer) or the Responses API's
// response.* events. Every method returns the frames to send now ("" for none). A renderer
// belongs to one response and may keep state between calls (which output item is open, the
// text so far). Calls come in this order: begin once, then reasoning/content in any mix, then
// toolCall for each call, then finish or error, each at most once; keepAlive at any time.
class AnswerRenderer {
  public:
    virtual ~AnswerRenderer() = default;

    // The model id the CLI reported; called before begin when the CLI says it in time.
    virtual void setModel(std::string_view model) = 0;

    virtual std::string begin() = 0;
    // A piece of the model's thinking, in order.
    virtual std::string reasoning(std::string_view text) = 0;
    // A piece of the answer's text, in order; never an empty one.
    virtual std::string content(std::string_view text) = 0;
    // One tool call of the answer (index counts from 0, in order).
    virtual std::string toolCall(std::size_t index, const openai::ToolCallRecord& call) = 0;
    // The end of a complete answer: `finishReason` is OpenAI's ("stop", "length",
    // "tool_calls", "content_filter").
    virtual std::string finish(const std::string& finishReason, const openai::Usage& usage) = 0;
    // The end of an answer that failed after it started (or before: then begin was not called).
    virtual std::string error(const openai::ApiError& error) = 0;
    // Something that keeps the connection alive while nothing else is sent.
    virtual std::string keepAlive() = 0;
};

}  // namespace claude_proxy::streaming
