#include "http/endpoints.hpp"
#include "http/response_writer.hpp"
#include "openai/model_catalog.hpp"

namespace claude_proxy::http {
namespace {

class ModelListEndpoint : public Endpoint {
  public:
    explicit ModelListEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        sendJson(response, 200, openai::renderModelList(context_.catalog, context_.startedAt));
    }

  private:
    const ServerContext& context_;
};

class ModelEndpoint : public Endpoint {
  public:
    ModelEndpoint(const ServerContext& context, std::string modelId)
        : context_(context), modelId_(std::move(modelId)) {}

    void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                AccessRecord& record) override {
        record.model = modelId_;
        if (!context_.catalog.isListed(modelId_)) {
            throw openai::ApiError(
                404, "invalid_request_error", "model_not_found",
                "The model `" + modelId_ + "` does not exist or you do not have access to it.",
                "model");
        }
        sendJson(response, 200, openai::renderModel(modelId_, context_.startedAt));
    }

  private:
    const ServerContext& context_;
    std::string modelId_;
};

class ErrorEndpoint : public Endpoint {
  public:
    ErrorEndpoint(openai::ApiError error, std::string allow)
        : error_(std::move(error)), allow_(std::move(allow)) {}

    void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        if (!allow_.empty()) {
            response.set("Allow", allow_);
        }
        throw error_;
    }

  private:
    openai::ApiError error_;
    std::string allow_;
};

}  // namespace

std::unique_ptr<Endpoint> makeModelListEndpoint(const ServerContext& context) {
    return std::make_unique<ModelListEndpoint>(context);
}

std::unique_ptr<Endpoint> makeModelEndpoint(const ServerContext& context, std::string modelId) {
    return std::make_unique<ModelEndpoint>(context, std::move(modelId));
}

std::unique_ptr<Endpoint> makeErrorEndpoint(openai::ApiError error, std::string allow) {
    return std::make_unique<ErrorEndpoint>(std::move(error), std::move(allow));
}

}  // namespace claude_proxy::http
