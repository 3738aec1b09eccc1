#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "openai/response_object.hpp"
#include "openai/responses_request.hpp"
#include "streaming/answer_renderer.hpp"

namespace claude_proxy::streaming {

// The Responses API stream: "event: <type>\ndata: <json>\n\n" frames, each with a
// sequence_number counting from 0. response.created and response.in_progress first; then per
// output item response.output_item.added, its parts and deltas
// (response.reasoning_summary_part.added / reasoning_summary_text.delta for thinking,
// response.content_part.added / output_text.delta for text, function_call_arguments.delta /
// .done for a call), their .done events and response.output_item.done; at the end
// response.completed (or response.incomplete after max_output_tokens or a content filter),
// whose response holds the whole output and the usage. A failure after the start is an
// `error` event followed by response.failed. No [DONE]. Pure; one instance per response.
class ResponseEventRenderer : public AnswerRenderer {
  public:
    // `request` must outlive the renderer (its settings are echoed in every response object).
    ResponseEventRenderer(const openai::ResponsesRequest& request, std::string responseId,
                          long long createdAt);

    void setModel(std::string_view model) override { state_.model = model; }
    std::string begin() override;
    std::string reasoning(std::string_view text) override;
    std::string content(std::string_view text) override;
    std::string toolCall(std::size_t index, const openai::ToolCallRecord& call) override;
    std::string finish(const std::string& finishReason, const openai::Usage& usage) override;
    std::string error(const openai::ApiError& error) override;
    std::string keepAlive() override;

    // The response as it stands (its output items so far).
    const openai::ResponseState& state() const { return state_; }

  private:
    // An event of `type` whose other members `writeBody` adds, as one SSE frame.
    template <typename WriteBody>
    std::string event(std::string_view type, WriteBody writeBody);
    std::string responseEvent(std::string_view type);
    std::string open(openai::OutputItem::Kind kind);
    std::string closeOpenItem();
    void itemRef(openai::JsonWriter& json) const;  // item_id and output_index of the open item

    const openai::ResponsesRequest& request_;
    openai::ResponseState state_;
    std::int64_t sequence_ = 0;
    bool begun_ = false;
    std::optional<std::size_t> open_;  // index in state_.output of the item still streaming
};

}  // namespace claude_proxy::streaming
