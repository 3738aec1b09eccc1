#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openai/model_catalog.hpp"

namespace claude_proxy::openai {

enum class Role { System, Developer, User, Assistant, Tool };

std::string_view roleName(Role role);

// One message of the request, its content already flattened to text.
struct ChatMessage {
    Role role = Role::User;
    std::string content;     // text parts joined with "\n"; may be empty for an assistant turn
    std::string name;        // optional "name" field
    std::string toolCallId;  // role == Tool: "tool_call_id"
};

// A validated /v1/chat/completions request.
struct ChatRequest {
    std::string requestedModel;  // the id the client sent (or the default), echoed on failure
    std::string cliModel;        // what goes to `claude --model` (alias resolved)
    std::vector<ChatMessage> messages;
    bool stream = false;
    bool includeUsage = false;           // stream_options.include_usage
    std::vector<std::string> ignored;    // accepted fields we do not act on, for the debug log
};

// Parses and validates a request body. Throws ApiError (400/404) naming the offending `param`
// for: malformed JSON, a non-object body, wrong types, missing/empty `messages`, unknown roles,
// content parts we cannot honour, unsupported fields (n > 1, …), and models that fail
// ModelCatalog::resolve. Pure: no I/O.
ChatRequest parseChatRequest(std::string_view body, const ModelCatalog& catalog);

}  // namespace claude_proxy::openai
