#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace claude_proxy::http {

// Response header fields, in order: (name, value).
using HeaderFields = std::vector<std::pair<std::string, std::string>>;

// Which browser origins may call the API (CORS), and the headers that tell the browser so.
// Off when no origin is configured. Origins match exactly, without regard to case; "*" alone
// allows any origin (and is what Access-Control-Allow-Origin then says). Pure.
class CorsPolicy {
  public:
    CorsPolicy() = default;
    explicit CorsPolicy(std::vector<std::string> origins);

    bool enabled() const { return !origins_.empty(); }

    // The Access-Control-Allow-Origin value for a request whose Origin header is `origin`
    // (empty: none): "*", or the origin itself; nullopt when CORS is off or it is not allowed.
    std::optional<std::string> allowOrigin(std::string_view origin) const;

    // Headers for an ordinary response to a request from `origin`: Access-Control-Allow-Origin,
    // Vary: Origin (unless "*") and Access-Control-Expose-Headers (X-Request-Id, Retry-After).
    // Empty when the origin is not allowed.
    HeaderFields responseHeaders(std::string_view origin) const;

    // Headers for the 204 answer to a preflight from `origin` for a path that accepts
    // `methods` ("GET, POST"): Access-Control-Allow-Origin, Vary, Access-Control-Allow-Methods,
    // Access-Control-Allow-Headers (the `requestedHeaders` the browser asked for, when they are
    // a well-formed list, otherwise the headers the API uses) and Access-Control-Max-Age.
    // nullopt when the origin is not allowed.
    std::optional<HeaderFields> preflightHeaders(std::string_view origin, std::string_view methods,
                                                 std::string_view requestedHeaders) const;

  private:
    std::vector<std::string> origins_;  // lower case
    bool any_ = false;
};

// True for a CORS preflight: OPTIONS with an Origin and an Access-Control-Request-Method header.
bool isCorsPreflight(std::string_view method, bool hasOrigin, bool hasRequestMethod);

}  // namespace claude_proxy::http
