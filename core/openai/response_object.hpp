#pragma once

#include <optional>
#include <string>
#include <vector>

#include "openai/api_error.hpp"
#include "openai/chat_completion.hpp"
#include "openai/json_writer.hpp"
#include "openai/responses_request.hpp"

namespace claude_proxy::openai {

// One item of a response's `output`, in order.
struct OutputItem {
    enum class Kind { Reasoning, Message, FunctionCall };
    Kind kind = Kind::Message;
    std::string id;       // "rs_…", "msg_…", "fc_…"
    std::string text;     // Reasoning: the summary text; Message: the output_text
    ToolCallRecord call;  // FunctionCall: call.id is the call_id
    bool done = true;     // false while it is still streaming ("in_progress")
};

// A response as it stands: at its start (in_progress, no output), at its end, or failed.
struct ResponseState {
    std::string id;  // "resp_…"
    long long createdAt = 0;
    std::string model;
    std::string status = "in_progress";  // in_progress, completed, incomplete, failed
    std::string incompleteReason;        // with "incomplete": max_output_tokens, content_filter
    std::optional<ApiError> error;       // with "failed"
    std::vector<OutputItem> output;
    std::optional<Usage> usage;
};

// "resp_" + 24 random letters and digits; item ids use "msg_", "rs_" and "fc_".
std::string makeResponseId();
std::string makeItemId(OutputItem::Kind kind);

// The items of a finished answer: its reasoning (when not empty), its message (when it has
// text, or no calls), then one function_call per tool call; fresh item ids.
std::vector<OutputItem> outputItemsOf(const Completion& completion);

// The end state of a finished answer: completed, or incomplete for the "length"
// (max_output_tokens) and "content_filter" finishes.
void finishState(ResponseState& state, const std::string& finishReason);

// The "response" object: id, object, created_at, status, error, incomplete_details, the
// request's settings echoed (instructions, model, tools, tool_choice, text, reasoning,
// max_output_tokens, temperature, top_p, truncation, metadata, user, …), output, usage. Pure;
// every string goes out as valid UTF-8.
void writeResponseObject(JsonWriter& json, const ResponsesRequest& request,
                         const ResponseState& state);
std::string renderResponseObject(const ResponsesRequest& request, const ResponseState& state);

// The assistant turn the output items make, as a later request will send them back: the
// message text and the function calls (reasoning is not replayed). Pure.
ChatMessage replyMessage(const std::vector<OutputItem>& output);

// One output item as the output array and the output_item.* events show it.
void writeOutputItem(JsonWriter& json, const OutputItem& item);

}  // namespace claude_proxy::openai
