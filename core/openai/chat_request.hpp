#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openai/generation_options.hpp"
#include "openai/model_catalog.hpp"
#include "openai/tool_types.hpp"

namespace claude_proxy::openai {

enum class Role { System, Developer, User, Assistant, Tool };

std::string_view roleName(Role role);

// An image (or PDF document) of a message, placed among its text: it comes after the first
// `offset` bytes of the message's `content` (openai/media_part.hpp parses and checks them).
struct MediaPart {
    std::string mediaType;  // image/png, image/jpeg, image/gif, image/webp, application/pdf
    std::string base64;     // the data, checked to be well-formed base64
    std::size_t offset = 0;
    // An http(s) image not fetched yet (mediaType and base64 empty until
    // service::resolveRemoteMedia fills them in); "" for inline data.
    std::string remoteUrl;
    std::string param;  // the request field it came from, for errors ("messages[1].content[2]…")
};

// One message of the request, its content already flattened to text (and media).
struct ChatMessage {
    Role role = Role::User;
    std::string content;     // text parts joined with "\n"; may be empty for an assistant turn
    std::string name;        // optional "name" field
    std::string toolCallId;  // role == Tool: "tool_call_id"
    std::vector<ToolCallRecord> toolCalls;  // role == Assistant: its "tool_calls"
    std::vector<MediaPart> media;           // images and PDFs among the content, in order
};

// A validated /v1/chat/completions request.
struct ChatRequest {
    std::string requestedModel;  // the id the client sent (or the default), echoed on failure
    std::string cliModel;        // what goes to `claude --model` (alias resolved)
    std::vector<ChatMessage> messages;
    bool stream = false;
    bool includeUsage = false;     // stream_options.include_usage
    ToolRequest tools;             // tools / tool_choice / parallel_tool_calls
    GenerationOptions generation;  // response_format, reasoning_effort, stop, max_tokens
    // Top-level fields we accept but do not act on (sampling knobs, unknown extras, n=1, …) and
    // unknown "stream_options.X" members, in body order, for the debug log.
    std::vector<std::string> ignored;
};

// Parses and validates a request body. Throws ApiError (400/404) naming the offending `param`
// for: malformed JSON, a non-object body, wrong types, missing/empty `messages`, unknown roles,
// content parts we cannot honour, unsupported fields (n > 1, …), and models that fail
// ModelCatalog::resolve. Pure: no I/O.
// Error codes: invalid_json (param null; also ill-formed UTF-8), invalid_request_body (param
// null), invalid_type, missing_required_parameter, empty_array ("messages"), invalid_value,
// unsupported_content (a content part other than text, image_url and file; image_url/file
// outside user messages; file_id), the media codes of openai/media_part.hpp (invalid_image,
// invalid_file, image_too_large, file_too_large) and too_many_images, unsupported_parameter (n > 1,
// logprobs, response_format other than text, audio, non-function tools, …). The body is validated
// first; the model is resolved last, so a 404 means everything else was acceptable. Tools are read
// by parseToolRequest (tool_request_parser.hpp); an assistant turn's tool_calls (or legacy
// function_call) become ChatMessage::toolCalls. The legacy "function" role becomes Role::Tool with
// `name` set and no toolCallId.
ChatRequest parseChatRequest(std::string_view body, const ModelCatalog& catalog);

}  // namespace claude_proxy::openai
