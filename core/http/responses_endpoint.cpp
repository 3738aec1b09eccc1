#include <chrono>

#include <spdlog/spdlog.h>

#include "http/completion_run.hpp"
#include "http/endpoints.hpp"
#include "http/server/proxy_request.hpp"
#include "openai/response_object.hpp"
#include "openai/responses_request.hpp"
#include "streaming/response_event_renderer.hpp"

namespace claude_proxy::http {
namespace {

long long unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// POST /v1/responses: the Responses API over the same service as chat completions.
class ResponsesEndpoint : public Endpoint {
  public:
    explicit ResponsesEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord& record) override {
        const std::string body = server::readRequestBody(request, context_.maxBodyBytes);
        const auto parsed = openai::parseResponsesRequest(body, context_.catalog);
        if (context_.logPrompts) {
            spdlog::debug("request_id={} body={}", record.requestId, body);
        }
        const std::string id = openai::makeResponseId();
        const long long createdAt = unixNow();
        AnswerFormat format;
        format.renderBody = [&](const openai::Completion& completion) {
            openai::ResponseState state;
            state.id = id;
            state.createdAt = createdAt;
            state.model = completion.model.empty() ? parsed.chat.requestedModel : completion.model;
            state.output = openai::outputItemsOf(completion);
            openai::finishState(state, completion.finishReason);
            state.usage = completion.usage;
            return openai::renderResponseObject(parsed, state);
        };
        format.makeStreamRenderer = [&]() -> std::unique_ptr<streaming::AnswerRenderer> {
            return std::make_unique<streaming::ResponseEventRenderer>(parsed, id, createdAt);
        };
        answerWithCli(context_, request, response, parsed.chat, format, record);
    }

  private:
    const ServerContext& context_;
};

}  // namespace

std::unique_ptr<Endpoint> makeResponsesEndpoint(const ServerContext& context) {
    return std::make_unique<ResponsesEndpoint>(context);
}

}  // namespace claude_proxy::http
