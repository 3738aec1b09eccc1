#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace claude_proxy::http {

// Facts about one request that end up in its access-log line. Endpoints fill what they know.
struct AccessRecord {
    std::string requestId;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::string model;
    int status = 0;
    std::optional<int> cliExitCode;
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    bool clientGone = false;
    std::string route;        // the route template, for metrics
    std::string rejectedFor;  // set when turned away before any CLI ran (metrics reason)
    std::optional<double> firstTokenSeconds;  // streaming: arrival to first content chunk
    int refusalRetries = 0;
};

// One route's behaviour. Implementations may throw openai::ApiError (or anything else): the
// GuardedHandler that owns them turns every exception into an OpenAI-style error response.
class Endpoint {
  public:
    virtual ~Endpoint() = default;
    virtual void handle(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response, AccessRecord& record) = 0;
};

}  // namespace claude_proxy::http
