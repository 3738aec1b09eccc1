#pragma once

#include <memory>

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/endpoint.hpp"
#include "http/server_context.hpp"
#include "openai/api_error.hpp"

namespace claude_proxy::http {

// The one error boundary of a request. Runs the endpoint and turns whatever it throws into an
// OpenAI-style error response (Poco itself would drop the connection on a std::exception):
// openai::ApiError as itself, a malformed HTTP message as 400, a read timeout as 408, anything
// else as 500 with the details only in the log. When the response has already been sent, the
// error is only logged. Writes one access-log line per request, whatever happened, feeds the
// request metrics, and counts the request as active while it runs (graceful shutdown waits
// for that count).
class GuardedHandler : public Poco::Net::HTTPRequestHandler {
  public:
    GuardedHandler(std::unique_ptr<Endpoint> endpoint, const ServerContext& context);
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

  private:
    void recordMetrics(const AccessRecord& record, const std::string& uri, double seconds) const;
    // Writes the error response (unless the response has started), after finish().
    void answer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                const openai::ApiError& error, AccessRecord& record);
    // The request's metrics and access-log line, once.
    void finish(const Poco::Net::HTTPServerRequest& request, AccessRecord& record);

    std::unique_ptr<Endpoint> endpoint_;
    const ServerContext& context_;
    bool finished_ = false;
};

}  // namespace claude_proxy::http
