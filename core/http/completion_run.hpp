#pragma once

#include <functional>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/endpoint.hpp"
#include "http/server_context.hpp"
#include "openai/chat_completion.hpp"
#include "openai/chat_request.hpp"
#include "streaming/answer_renderer.hpp"

namespace claude_proxy::http {

// How one API writes an answer: the JSON body of a finished one, and (for streams) the
// renderer of its frames. Chat completions and the Responses API differ only here.
struct AnswerFormat {
    std::function<std::string(const openai::Completion&)> renderBody;
    // Writes the frames of a stream; null: chat.completion.chunk frames.
    streaming::AnswerRenderer* streamRenderer = nullptr;
};

// Who asks (the API key's scope) and the socket to watch for a hang-up.
service::RequestContext requestContextOf(const ServerContext& context,
                                         Poco::Net::HTTPServerRequest& request);

// Runs a parsed request through the chat service and answers it: picks the tool-call handler
// (X-Toolcall-Module), sets X-Conversation-Id, runs the CLI streamed or not, fills the access
// record, logs CLI failures. Throws openai::ApiError for the error boundary.
void answerWithCli(const ServerContext& context, Poco::Net::HTTPServerRequest& request,
                   Poco::Net::HTTPServerResponse& response, const openai::ChatRequest& chat,
                   const AnswerFormat& format, AccessRecord& record);

}  // namespace claude_proxy::http
