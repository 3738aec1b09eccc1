#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/cors_policy.hpp"
#include "openai/api_error.hpp"

// What keeps web pages from using the proxy through the user's browser. Without API keys the
// proxy trusts whoever can connect; a browser can connect for any page it shows, so:
//  - DNS rebinding (a page's own host name re-pointed at 127.0.0.1) is stopped by the Host
//    check: only localhost names, IP addresses and configured names are served;
//  - a cross-site form or fetch (CSRF) is stopped by the Origin check (a browser names the
//    page's origin: it must be the proxy's own or allowed by CORS) and, for a POST, by the
//    content type, which must be JSON: a page cannot send that cross-site without a CORS
//    preflight, which only allowed origins pass.
// With API keys a page does not know the key, and the Host and Origin checks are left to the
// key. The JSON content type is required on every POST either way. Pure.
namespace claude_proxy::http {

struct BrowserGuard {
    bool keysConfigured = false;
    std::vector<std::string> allowedHosts;  // lower case; "*.example.com" allows subdomains
    const CorsPolicy* cors = nullptr;
};

// The error to answer with, or nullopt when the request may go on: 403 host_not_allowed (only
// with `checkHost`: routes that carry nothing worth reading, /health, skip it), 403
// origin_not_allowed. Both only without API keys.
std::optional<openai::ApiError> checkBrowserOrigin(const BrowserGuard& guard,
                                                   std::optional<std::string_view> host,
                                                   std::optional<std::string_view> origin,
                                                   bool checkHost);

// 415 unsupported_media_type for a POST whose Content-Type is not JSON (application/json or
// application/<x>+json, parameters ignored); nullopt otherwise.
std::optional<openai::ApiError> checkJsonBody(std::string_view method,
                                              std::optional<std::string_view> contentType);

// Whether a Host header value ("name[:port]", "[v6]:port") names this machine or an allowed
// name. Exposed for tests.
bool isAllowedHost(std::string_view hostHeader, const std::vector<std::string>& allowedHosts);

}  // namespace claude_proxy::http
