#include "http/cors_policy.hpp"

#include <algorithm>

#include <Poco/String.h>

namespace claude_proxy::http {
namespace {

// Headers a browser client of this API sends beyond the CORS-safelisted ones.
constexpr const char* kDefaultAllowedHeaders =
    "Authorization, Content-Type, X-Toolcall-Module, X-Conversation-Id, x-api-key";
constexpr const char* kExposedHeaders = "X-Request-Id, Retry-After, X-Conversation-Id";
constexpr const char* kPreflightMaxAgeSeconds = "3600";

std::string lowered(std::string_view text) {
    return Poco::toLower(std::string(text));
}

// A comma-separated list of header names (RFC 9110 tokens), as Access-Control-Request-Headers
// carries it. Anything else is not echoed back.
bool isHeaderNameList(std::string_view list) {
    if (list.empty() || list.size() > 2000) {
        return false;
    }
    bool sawName = false;
    for (const char c : list) {
        const bool tokenChar =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
        if (tokenChar) {
            sawName = true;
        } else if (c != ',' && c != ' ' && c != '\t') {
            return false;
        }
    }
    return sawName;
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins) {
    for (auto& origin : origins) {
        if (origin == "*") {
            any_ = true;
        }
        origins_.push_back(lowered(origin));
    }
}

std::optional<std::string> CorsPolicy::allowOrigin(std::string_view origin) const {
    if (!enabled() || origin.empty()) {
        return std::nullopt;
    }
    if (any_) {
        return std::string("*");
    }
    if (std::find(origins_.begin(), origins_.end(), lowered(origin)) != origins_.end()) {
        return std::string(origin);
    }
    return std::nullopt;
}

HeaderFields CorsPolicy::responseHeaders(std::string_view origin) const {
    const auto allowed = allowOrigin(origin);
    if (!allowed) {
        return {};
    }
    HeaderFields headers = {{"Access-Control-Allow-Origin", *allowed}};
    if (*allowed != "*") {
        headers.emplace_back("Vary", "Origin");
    }
    headers.emplace_back("Access-Control-Expose-Headers", kExposedHeaders);
    return headers;
}

std::optional<HeaderFields> CorsPolicy::preflightHeaders(std::string_view origin,
                                                         std::string_view methods,
                                                         std::string_view requestedHeaders) const {
    const auto allowed = allowOrigin(origin);
    if (!allowed) {
        return std::nullopt;
    }
    // The answer depends on the requested headers too (they are echoed).
    const bool any = *allowed == "*";
    HeaderFields headers = {
        {"Access-Control-Allow-Origin", *allowed},
        {"Vary", any ? "Access-Control-Request-Headers" : "Origin, Access-Control-Request-Headers"},
        {"Access-Control-Allow-Methods", std::string(methods)}};
    headers.emplace_back("Access-Control-Allow-Headers", isHeaderNameList(requestedHeaders)
                                                             ? std::string(requestedHeaders)
                                                             : kDefaultAllowedHeaders);
    headers.emplace_back("Access-Control-Max-Age", kPreflightMaxAgeSeconds);
    return headers;
}

bool isCorsPreflight(std::string_view method, bool hasOrigin, bool hasRequestMethod) {
    return method == "OPTIONS" && hasOrigin && hasRequestMethod;
}

}  // namespace claude_proxy::http
