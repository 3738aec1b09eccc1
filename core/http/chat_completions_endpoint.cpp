#include <spdlog/spdlog.h>

#include "http/completion_run.hpp"
#include "http/endpoints.hpp"
#include "http/server/proxy_request.hpp"
#include "openai/chat_request.hpp"
#include "service/remote_media.hpp"

namespace claude_proxy::http {
namespace {

class ChatCompletionsEndpoint : public Endpoint {
  public:
    explicit ChatCompletionsEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord& record) override {
        const std::string body = server::readRequestBody(request, context_.maxBodyBytes);
        auto chat = openai::parseChatRequest(body, context_.catalog);
        service::resolveRemoteMedia(chat, context_.chat.config().remoteMedia);
        if (context_.logPrompts) {
            spdlog::debug("request_id={} body={}", record.requestId, body);
        }
        AnswerFormat format;
        format.renderBody = [](const openai::Completion& completion) {
            return openai::renderChatCompletion(completion);
        };
        answerWithCli(context_, request, response, chat, format, record);
    }

  private:
    const ServerContext& context_;
};

}  // namespace

std::unique_ptr<Endpoint> makeChatCompletionsEndpoint(const ServerContext& context) {
    return std::make_unique<ChatCompletionsEndpoint>(context);
}

}  // namespace claude_proxy::http
