#include "http/completion_run.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <spdlog/spdlog.h>

#include "conversation/fingerprint.hpp"
#include "http/authentication.hpp"
#include "http/response_writer.hpp"
#include "http/server/proxy_request.hpp"
#include "http/sse_response.hpp"
#include "http/toolcall_selection.hpp"

namespace claude_proxy::http {

service::RequestContext requestContextOf(const ServerContext& context,
                                         Poco::Net::HTTPServerRequest& request) {
    const auto header = [&](const char* name) {
        return request.has(name) ? std::optional<std::string>(request.get(name)) : std::nullopt;
    };
    service::RequestContext out;
    out.scope = credentialScope(context.access.keys, header("Authorization"), header("x-api-key"));
    // The request's socket, watched while the CLI runs so that a client that gives up ends
    // the run at once. -1 when the request is not backed by a plain socket.
    out.clientFd = server::requestSocketFd(request);
    return out;
}

namespace {

void streamAnswer(const ServerContext& context, Poco::Net::HTTPServerRequest& request,
                  Poco::Net::HTTPServerResponse& response, const openai::ChatRequest& chat,
                  const toolcall::ToolCallHandler* handler, const AnswerFormat& format,
                  AccessRecord& record, service::RunReport& report) {
    // Frames are small and must leave at once: no Nagle delay on this connection.
    if (const int fd = server::requestSocketFd(request); fd >= 0) {
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    SseResponse sse(response);
    context.chat.run(chat, handler, requestContextOf(context, request), &sse, report,
                     format.streamRenderer);
    record.status = 200;
    record.cliExitCode = report.cliExitCode;
    record.refusalRetries = report.refusalRetries;
    if (sse.firstDataAt()) {
        record.firstTokenSeconds =
            std::chrono::duration<double>(*sse.firstDataAt() - record.started).count();
    }
    record.promptTokens = report.promptTokens;
    record.completionTokens = report.completionTokens;
    if (!report.inBandError.empty()) {
        spdlog::warn("request_id={} stream ended with in-band error {} | stderr tail: {}",
                     record.requestId, report.inBandError, report.stderrTail);
    }
}

}  // namespace

void answerWithCli(const ServerContext& context, Poco::Net::HTTPServerRequest& request,
                   Poco::Net::HTTPServerResponse& response, const openai::ChatRequest& chat,
                   const AnswerFormat& format, AccessRecord& record) {
    record.model = chat.requestedModel;
    const auto handler = selectToolCallHandler(request, chat, context);
    // For load balancers that keep a conversation on one instance (see packaging/nginx).
    if (const auto key = conversation::routingKey(chat.messages); !key.empty()) {
        response.set("X-Conversation-Id", key);
    }
    service::RunReport report;
    try {
        if (chat.stream) {
            streamAnswer(context, request, response, chat, handler.get(), format, record, report);
            return;
        }
        const auto completion = context.chat.run(
            chat, handler.get(), requestContextOf(context, request), nullptr, report);
        record.cliExitCode = report.cliExitCode;
        record.refusalRetries = report.refusalRetries;
        record.promptTokens = completion.usage.promptTokens();
        record.completionTokens = completion.usage.outputTokens;
        if (context.logPrompts) {
            spdlog::debug("request_id={} reply={}", record.requestId, completion.content);
        }
        sendJson(response, 200, format.renderBody(completion));
    } catch (const openai::ApiError& error) {
        record.cliExitCode = report.cliExitCode;
        if (!report.stderrTail.empty() || error.httpStatus() >= 500) {
            spdlog::warn("request_id={} cli failed ({}): {} | stderr tail: {}", record.requestId,
                         error.code(), error.what(), report.stderrTail);
        }
        throw;
    }
}

}  // namespace claude_proxy::http
