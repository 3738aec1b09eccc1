#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <spdlog/spdlog.h>

#include "conversation/fingerprint.hpp"
#include "http/authentication.hpp"
#include "http/endpoints.hpp"
#include "http/response_writer.hpp"
#include "http/server/proxy_request.hpp"
#include "http/sse_response.hpp"
#include "http/toolcall_selection.hpp"
#include "openai/chat_request.hpp"

namespace claude_proxy::http {
namespace {

// The request's socket, watched while the CLI runs so that a client that gives up ends the
// run at once. -1 when the request is not backed by a plain socket.
int clientSocketOf(Poco::Net::HTTPServerRequest& request) {
    return server::requestSocketFd(request);
}

class ChatCompletionsEndpoint : public Endpoint {
  public:
    explicit ChatCompletionsEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord& record) override {
        const std::string body = server::readRequestBody(request, context_.maxBodyBytes);
        auto chat = openai::parseChatRequest(body, context_.catalog);
        service::resolveRemoteMedia(chat, context_.chat.config().remoteMedia);
        record.model = chat.requestedModel;
        if (context_.logPrompts) {
            spdlog::debug("request_id={} body={}", record.requestId, body);
        }
        const auto handler = selectToolCallHandler(request, chat, context_);
        // For load balancers that keep a conversation on one instance (see packaging/nginx).
        if (const auto key = conversation::routingKey(chat.messages); !key.empty()) {
            response.set("X-Conversation-Id", key);
        }
        service::RunReport report;
        try {
            if (chat.stream) {
                streamCompletion(request, response, chat, handler.get(), record, report);
                return;
            }
            const auto completion =
                context_.chat.run(chat, handler.get(), contextOf(request), nullptr, report);
            record.cliExitCode = report.cliExitCode;
            record.refusalRetries = report.refusalRetries;
            record.promptTokens = completion.usage.promptTokens();
            record.completionTokens = completion.usage.outputTokens;
            if (context_.logPrompts) {
                spdlog::debug("request_id={} reply={}", record.requestId, completion.content);
            }
            sendJson(response, 200, openai::renderChatCompletion(completion));
        } catch (const openai::ApiError& error) {
            record.cliExitCode = report.cliExitCode;
            if (!report.stderrTail.empty() || error.httpStatus() >= 500) {
                spdlog::warn("request_id={} cli failed ({}): {} | stderr tail: {}",
                             record.requestId, error.code(), error.what(), report.stderrTail);
            }
            throw;
        }
    }

  private:
    service::RequestContext contextOf(Poco::Net::HTTPServerRequest& request) const {
        const auto header = [&](const char* name) {
            return request.has(name) ? std::optional<std::string>(request.get(name)) : std::nullopt;
        };
        service::RequestContext out;
        out.scope =
            credentialScope(context_.access.keys, header("Authorization"), header("x-api-key"));
        out.clientFd = clientSocketOf(request);
        return out;
    }

    void streamCompletion(Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response, const openai::ChatRequest& chat,
                          const toolcall::ToolCallHandler* handler, AccessRecord& record,
                          service::RunReport& report) const {
        // Frames are small and must leave at once: no Nagle delay on this connection.
        if (const int fd = clientSocketOf(request); fd >= 0) {
            const int on = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        }
        SseResponse sse(response);
        context_.chat.run(chat, handler, contextOf(request), &sse, report);
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

    const ServerContext& context_;
};

}  // namespace

std::unique_ptr<Endpoint> makeChatCompletionsEndpoint(const ServerContext& context) {
    return std::make_unique<ChatCompletionsEndpoint>(context);
}

}  // namespace claude_proxy::http
