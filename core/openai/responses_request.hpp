#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "openai/chat_request.hpp"
#include "openai/model_catalog.hpp"

namespace claude_proxy::openai {

// A validated POST /v1/responses request. The conversation it describes is carried as a
// ChatRequest, so that the Responses API runs through exactly the same service as chat
// completions; the rest is what the response object repeats back.
struct ResponsesRequest {
    ChatRequest chat;
    std::optional<std::string> instructions;        // also the first (system) message of `chat`
    std::optional<std::string> previousResponseId;  // the response this one continues
    bool store = true;                // keep the answer for previous_response_id (OpenAI's default)
    std::string metadataJson = "{}";  // compact JSON object, echoed
    std::optional<double> temperature;
    std::optional<double> topP;
    std::string user;
    std::string truncation = "disabled";
    std::string reasoningSummary;  // reasoning.summary as asked ("" = not asked)
    std::string textFormatJson = R"({"type":"text"})";  // text.format as given (compact), echoed
    std::string textVerbosity;                          // text.verbosity as given, echoed
};

// Parses and validates a Responses API request body. Pure: no I/O. 400 ApiErrors name the
// offending param ("input[2].content[0].type"). What it reads:
// - `input`: a string (one user message) or an array of items: messages (with or without
//   "type":"message"; roles user, assistant, system, developer; content a string or parts
//   input_text / output_text / refusal), `function_call` items (consecutive calls, and the
//   assistant message before them, become one assistant turn with tool calls, as chat
//   completions has it), `function_call_output` items (tool results) and `reasoning` items
//   (skipped: the model's earlier thinking is not replayed). `item_reference` and the items of
//   built-in tools are refused; so are image and file parts for now.
// - `instructions` (a system message before the input), `tools` / `tool_choice` /
//   `parallel_tool_calls` (parseResponsesToolRequest), `text.format` (json_schema,
//   json_object or text), `reasoning.effort` / `reasoning.summary`, `max_output_tokens`,
//   `stream`, and the sampling and bookkeeping fields that are accepted and echoed or ignored.
// - `previous_response_id` and `store` are read; whether the proxy keeps responses is the
//   endpoint's business. `background: true`, `conversation` and `prompt` are refused.
ResponsesRequest parseResponsesRequest(std::string_view body, const ModelCatalog& catalog);

// The conversation of a request that continues an earlier response: its instructions (they
// are not inherited), then `history` (what the earlier response kept), then its own input.
// Pure.
std::vector<ChatMessage> continuedConversation(const ResponsesRequest& request,
                                               const std::vector<ChatMessage>& history);

// What a finished response keeps for the next one: the request's conversation without its
// instructions, then `reply`. Pure.
std::vector<ChatMessage> storedConversation(const ResponsesRequest& request, ChatMessage reply);

}  // namespace claude_proxy::openai
