#include <chrono>

#include <spdlog/spdlog.h>

#include "http/completion_run.hpp"
#include "http/endpoints.hpp"
#include "http/response_writer.hpp"
#include "http/server/proxy_request.hpp"
#include "openai/json_writer.hpp"
#include "openai/response_object.hpp"
#include "openai/responses_request.hpp"
#include "service/remote_media.hpp"
#include "streaming/response_event_renderer.hpp"

namespace claude_proxy::http {
namespace {

long long unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The earlier response a request continues, put in front of its input; 400 when there is none
// to continue (the store is off, or the id is unknown, expired or another key's).
void continuePrevious(service::ResponseStore& store, const std::string& scope,
                      openai::ResponsesRequest& request) {
    const std::string& id = *request.previousResponseId;
    if (!store.enabled()) {
        throw openai::ApiError::invalidRequest(
            "previous_response_id is not supported: this proxy keeps no responses "
            "(stored-responses=0). Send the whole conversation as 'input'.",
            "previous_response_id", "unsupported_parameter");
    }
    const auto found = store.find(id, scope);
    if (!found) {
        throw openai::ApiError::invalidRequest(
            "Previous response with id '" + id +
                "' not found: it was never stored, has expired or was dropped, or belongs to "
                "another API key.",
            "previous_response_id", "previous_response_not_found");
    }
    request.chat.messages = openai::continuedConversation(request, found->conversation);
}

// POST /v1/responses: the Responses API over the same service as chat completions.
class ResponsesEndpoint : public Endpoint {
  public:
    explicit ResponsesEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord& record) override {
        const std::string body = server::readRequestBody(request, context_.maxBodyBytes);
        auto parsed = openai::parseResponsesRequest(body, context_.catalog);
        service::resolveRemoteMedia(parsed.chat, context_.chat.config().remoteMedia);
        if (context_.logPrompts) {
            spdlog::debug("request_id={} body={}", record.requestId, body);
        }
        service::ResponseStore& store = context_.responses;
        const std::string scope = requestContextOf(context_, request).scope;
        if (parsed.previousResponseId) {
            continuePrevious(store, scope, parsed);
        }
        parsed.store = parsed.store && store.enabled();

        const std::string id = openai::makeResponseId();
        const long long createdAt = unixNow();
        const auto keep = [&](const openai::ResponseState& state, std::string json) {
            if (parsed.store && state.status != "failed") {
                store.put(id, scope,
                          {openai::storedConversation(parsed, openai::replyMessage(state.output)),
                           std::move(json)});
            }
        };
        streaming::ResponseEventRenderer renderer(parsed, id, createdAt);
        AnswerFormat format;
        format.renderBody = [&](const openai::Completion& completion) {
            openai::ResponseState state;
            state.id = id;
            state.createdAt = createdAt;
            state.model = completion.model.empty() ? parsed.chat.requestedModel : completion.model;
            state.output = openai::outputItemsOf(completion);
            openai::finishState(state, completion.finishReason);
            state.usage = completion.usage;
            std::string json = openai::renderResponseObject(parsed, state);
            keep(state, json);
            return json;
        };
        format.streamRenderer = &renderer;
        answerWithCli(context_, request, response, parsed.chat, format, record);
        if (parsed.chat.stream && renderer.state().usage) {
            // The stream ended with response.completed or response.incomplete.
            keep(renderer.state(), openai::renderResponseObject(parsed, renderer.state()));
        }
    }

  private:
    const ServerContext& context_;
};

// GET and DELETE /v1/responses/{id}: a stored response, under the caller's API key.
class StoredResponseEndpoint : public Endpoint {
  public:
    StoredResponseEndpoint(const ServerContext& context, std::string id, bool erase)
        : context_(context), id_(std::move(id)), erase_(erase) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        service::ResponseStore& store = context_.responses;
        const std::string scope = requestContextOf(context_, request).scope;
        if (erase_) {
            if (!store.erase(id_, scope)) {
                throw notFound();
            }
            openai::JsonWriter json;
            json.startObject();
            json.member("id", id_);
            json.member("object", "response.deleted");
            json.key("deleted");
            json.boolean(true);
            json.endObject();
            sendJson(response, 200, json.str());
            return;
        }
        const auto found = store.find(id_, scope);
        if (!found) {
            throw notFound();
        }
        sendJson(response, 200, found->responseJson);
    }

  private:
    openai::ApiError notFound() const {
        return openai::ApiError(404, "invalid_request_error", "response_not_found",
                                "No stored response with id '" + id_ +
                                    "' (never stored, expired, dropped, or another API key's).");
    }

    const ServerContext& context_;
    std::string id_;
    bool erase_;
};

}  // namespace

std::unique_ptr<Endpoint> makeResponsesEndpoint(const ServerContext& context) {
    return std::make_unique<ResponsesEndpoint>(context);
}

std::unique_ptr<Endpoint> makeStoredResponseEndpoint(const ServerContext& context, std::string id,
                                                     bool erase) {
    return std::make_unique<StoredResponseEndpoint>(context, std::move(id), erase);
}

}  // namespace claude_proxy::http
