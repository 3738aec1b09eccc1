#include "http/browser_guard.hpp"

#include <algorithm>

#include <Poco/Net/IPAddress.h>
#include <Poco/String.h>

namespace claude_proxy::http {
namespace {

std::string lowered(std::string_view text) {
    return Poco::toLower(std::string(text));
}

// The host part of a Host header: without the port, IPv6 brackets removed.
std::string hostPart(std::string_view header) {
    const std::string value = Poco::trim(std::string(header));
    if (!value.empty() && value.front() == '[') {
        const auto close = value.find(']');
        return close == std::string::npos ? std::string() : value.substr(1, close - 1);
    }
    const auto colon = value.find(':');
    return lowered(colon == std::string::npos ? value : value.substr(0, colon));
}

bool isIpAddress(const std::string& host) {
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(host, address);
}

bool matchesName(const std::string& host, const std::string& allowed) {
    if (allowed.rfind("*.", 0) == 0) {
        const std::string suffix = allowed.substr(1);  // ".example.com"
        return host.size() > suffix.size() &&
               host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
    return host == allowed;
}

bool isJsonMediaType(std::string_view contentType) {
    std::string type = lowered(contentType.substr(0, contentType.find(';')));
    type = Poco::trim(type);
    if (type == "application/json") {
        return true;
    }
    // application/<something>+json (RFC 6839)
    return type.rfind("application/", 0) == 0 && type.size() > 17 &&
           type.compare(type.size() - 5, 5, "+json") == 0;
}

// "http://<Host header>": the origin of a page the proxy itself served.
bool isOwnOrigin(std::string_view origin, std::optional<std::string_view> host) {
    return host.has_value() &&
           lowered(origin) == "http://" + lowered(Poco::trim(std::string(*host)));
}

}  // namespace

bool isAllowedHost(std::string_view hostHeader, const std::vector<std::string>& allowedHosts) {
    const std::string host = hostPart(hostHeader);
    if (host.empty()) {
        return false;
    }
    if (host == "localhost" || host == "localhost." ||
        (host.size() > 10 && host.compare(host.size() - 10, 10, ".localhost") == 0)) {
        return true;  // RFC 6761: always this machine
    }
    // An address literal cannot be re-pointed by DNS: a page that reaches the proxy that way is
    // at the proxy's own origin.
    if (isIpAddress(host)) {
        return true;
    }
    return std::any_of(allowedHosts.begin(), allowedHosts.end(),
                       [&](const std::string& allowed) { return matchesName(host, allowed); });
}

std::optional<openai::ApiError> checkBrowserOrigin(const BrowserGuard& guard,
                                                   std::optional<std::string_view> host,
                                                   std::optional<std::string_view> origin,
                                                   bool checkHost) {
    if (guard.keysConfigured) {
        return std::nullopt;
    }
    if (checkHost && host && !isAllowedHost(*host, guard.allowedHosts)) {
        return openai::ApiError(
            403, "invalid_request_error", "host_not_allowed",
            "The Host header names a host this proxy does not serve without API keys; add the "
            "name to allowed-hosts (or configure API keys).");
    }
    if (origin) {
        const bool allowed = (guard.cors != nullptr && guard.cors->allowOrigin(*origin)) ||
                             isOwnOrigin(*origin, host);
        if (!allowed) {
            return openai::ApiError(403, "invalid_request_error", "origin_not_allowed",
                                    "Requests from web pages of other origins are refused; "
                                    "allow the origin with cors-origins.");
        }
    }
    return std::nullopt;
}

std::optional<openai::ApiError> checkJsonBody(std::string_view method,
                                              std::optional<std::string_view> contentType) {
    if (method != "POST" || (contentType && isJsonMediaType(*contentType))) {
        return std::nullopt;
    }
    return openai::ApiError(415, "invalid_request_error", "unsupported_media_type",
                            "The request body must be JSON: send 'Content-Type: "
                            "application/json'.");
}

}  // namespace claude_proxy::http
