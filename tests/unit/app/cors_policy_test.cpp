#include <doctest/doctest.h>

#include <algorithm>

#include "http/cors_policy.hpp"

using claude_proxy::http::CorsPolicy;
using claude_proxy::http::HeaderFields;
using claude_proxy::http::isCorsPreflight;

namespace {

std::optional<std::string> field(const HeaderFields& headers, const std::string& name) {
    const auto it = std::find_if(headers.begin(), headers.end(),
                                 [&](const auto& header) { return header.first == name; });
    return it == headers.end() ? std::nullopt : std::optional<std::string>(it->second);
}

}  // namespace

TEST_CASE("CORS is off without origins: no headers for anyone") {
    const CorsPolicy off;
    CHECK_FALSE(off.enabled());
    CHECK(off.responseHeaders("https://app.example").empty());
    CHECK_FALSE(off.preflightHeaders("https://app.example", "POST", "authorization"));
}

TEST_CASE("a listed origin gets itself back, with Vary and the exposed headers") {
    const CorsPolicy cors({"https://app.example", "http://localhost:3000"});
    const auto headers = cors.responseHeaders("https://app.example");
    CHECK(field(headers, "Access-Control-Allow-Origin") == "https://app.example");
    CHECK(field(headers, "Vary") == "Origin");
    CHECK(field(headers, "Access-Control-Expose-Headers") ==
          "X-Request-Id, Retry-After, X-Conversation-Id");
    CHECK(cors.allowOrigin("HTTP://LOCALHOST:3000") == "HTTP://LOCALHOST:3000");
}

TEST_CASE("an origin that is not listed gets no CORS headers") {
    const CorsPolicy cors({"https://app.example"});
    CHECK(cors.responseHeaders("https://evil.example").empty());
    CHECK(cors.responseHeaders("https://app.example.evil.example").empty());
    CHECK(cors.responseHeaders("https://app.example:444").empty());
    CHECK(cors.responseHeaders("").empty());
    CHECK(cors.responseHeaders("null").empty());
    CHECK_FALSE(cors.preflightHeaders("https://evil.example", "POST", ""));
}

TEST_CASE("* allows any origin and answers *, without Vary: Origin") {
    const CorsPolicy any({"*"});
    const auto headers = any.responseHeaders("https://whoever.example");
    CHECK(field(headers, "Access-Control-Allow-Origin") == "*");
    CHECK_FALSE(field(headers, "Vary"));
    CHECK(any.responseHeaders("").empty());  // not a CORS request
}

TEST_CASE("a preflight answer allows the route's methods and the requested headers") {
    const CorsPolicy cors({"https://app.example"});
    const auto headers = cors.preflightHeaders("https://app.example", "POST",
                                               "authorization, content-type, x-stainless-os");
    REQUIRE(headers);
    CHECK(field(*headers, "Access-Control-Allow-Origin") == "https://app.example");
    CHECK(field(*headers, "Access-Control-Allow-Methods") == "POST");
    CHECK(field(*headers, "Access-Control-Allow-Headers") ==
          "authorization, content-type, x-stainless-os");
    CHECK(field(*headers, "Access-Control-Max-Age") == "3600");
    CHECK(field(*headers, "Vary")->find("Origin") != std::string::npos);
}

TEST_CASE("a preflight without requested headers, or with odd ones, gets the API's list") {
    const CorsPolicy cors({"*"});
    for (const std::string requested : {"", "bad header\r\nx: y", ", ,"}) {
        INFO(requested);
        const auto headers = cors.preflightHeaders("https://a.example", "GET", requested);
        REQUIRE(headers);
        const auto allowHeaders = field(*headers, "Access-Control-Allow-Headers");
        REQUIRE(allowHeaders);
        CHECK(allowHeaders->find("Authorization") != std::string::npos);
        CHECK(allowHeaders->find("X-Toolcall-Module") != std::string::npos);
    }
}

TEST_CASE("a preflight is OPTIONS with Origin and Access-Control-Request-Method") {
    CHECK(isCorsPreflight("OPTIONS", true, true));
    CHECK_FALSE(isCorsPreflight("OPTIONS", true, false));
    CHECK_FALSE(isCorsPreflight("OPTIONS", false, true));
    CHECK_FALSE(isCorsPreflight("POST", true, true));
}
