#include "http/response_writer.hpp"

#include "openai/error_body.hpp"

namespace claude_proxy::http {

void sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& body) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json");
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.sendBuffer(body.data(), body.size());
}

void sendError(Poco::Net::HTTPServerResponse& response, const openai::ApiError& error) {
    if (error.retryAfterSeconds()) {
        response.set("Retry-After", std::to_string(*error.retryAfterSeconds()));
    }
    sendJson(response, error.httpStatus(), openai::renderErrorBody(error));
}

}  // namespace claude_proxy::http
