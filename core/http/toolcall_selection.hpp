#pragma once

#include <memory>

#include <Poco/Net/HTTPServerRequest.h>

#include "http/server_context.hpp"
#include "openai/chat_request.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::http {

// The tool-call handler for a request, or nullptr when it needs none (no tools offered and no
// tool history). `X-Toolcall-Module: <name>` picks a loaded handler by exact name; without the
// header the configured default serves. Throws ApiError 400 `unknown_toolcall_module` (listing
// the loaded names) for a name that is not loaded, and 503 `toolcall_module_unavailable` when
// tools are offered but the default handler is not loaded.
std::shared_ptr<const toolcall::ToolCallHandler> selectToolCallHandler(
    const Poco::Net::HTTPServerRequest& request, const openai::ChatRequest& chat,
    const ServerContext& context);

}  // namespace claude_proxy::http
