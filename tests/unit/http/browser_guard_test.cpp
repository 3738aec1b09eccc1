#include "http/browser_guard.hpp"

#include <doctest/doctest.h>

namespace claude_proxy::http {
namespace {

const CorsPolicy kNoCors;
const CorsPolicy kAppCors(std::vector<std::string>{"https://app.example"});

std::optional<std::string> refusalCode(const BrowserGuard& guard,
                                       std::optional<std::string_view> host,
                                       std::optional<std::string_view> origin,
                                       bool checkHost = true) {
    const auto error = checkBrowserOrigin(guard, host, origin, checkHost);
    return error ? std::optional<std::string>(error->code()) : std::nullopt;
}

}  // namespace

TEST_CASE("without keys only hosts of this machine and configured names are served") {
    const BrowserGuard guard{false, {"proxy.example.com", "*.corp.example"}, &kNoCors};
    for (const char* host :
         {"127.0.0.1:8088", "localhost:8088", "LOCALHOST", "[::1]:8088", "10.0.0.5",
          "app.localhost:3000", "proxy.example.com:443", "a.corp.example"}) {
        CAPTURE(host);
        CHECK_FALSE(refusalCode(guard, host, std::nullopt));
    }
    for (const char* host : {"evil.com", "evil.com:8088", "localhost.evil.com", "corp.example",
                             "proxy.example.com.evil.com", "[::1"}) {
        CAPTURE(host);
        CHECK(refusalCode(guard, host, std::nullopt) == "host_not_allowed");
    }
    // Open routes skip the host check; a request without Host (HTTP/1.0) is not refused.
    CHECK_FALSE(refusalCode(guard, "evil.com", std::nullopt, false));
    CHECK_FALSE(refusalCode(guard, std::nullopt, std::nullopt));
}

TEST_CASE("without keys a foreign Origin is refused unless CORS allows it") {
    const BrowserGuard plain{false, {}, &kNoCors};
    CHECK(refusalCode(plain, "127.0.0.1:8088", "https://evil.example") == "origin_not_allowed");
    CHECK(refusalCode(plain, "127.0.0.1:8088", "null") == "origin_not_allowed");
    // The proxy's own origin (a page it served itself, or a browser tab on it) is fine.
    CHECK_FALSE(refusalCode(plain, "127.0.0.1:8088", "http://127.0.0.1:8088"));
    const BrowserGuard cors{false, {}, &kAppCors};
    CHECK_FALSE(refusalCode(cors, "127.0.0.1:8088", "https://app.example"));
    CHECK(refusalCode(cors, "127.0.0.1:8088", "https://evil.example") == "origin_not_allowed");
}

TEST_CASE("with API keys the key decides, Host and Origin are not checked") {
    const BrowserGuard keyed{true, {}, &kNoCors};
    CHECK_FALSE(refusalCode(keyed, "proxy.internal:8088", "https://evil.example"));
}

TEST_CASE("a POST must be JSON, other methods need no content type") {
    CHECK_FALSE(checkJsonBody("POST", "application/json"));
    CHECK_FALSE(checkJsonBody("POST", "Application/JSON; charset=utf-8"));
    CHECK_FALSE(checkJsonBody("POST", "application/vnd.api+json"));
    CHECK_FALSE(checkJsonBody("GET", std::nullopt));
    for (const auto type : {std::optional<std::string_view>("text/plain"),
                            std::optional<std::string_view>("application/x-www-form-urlencoded"),
                            std::optional<std::string_view>("multipart/form-data; boundary=x"),
                            std::optional<std::string_view>("application/jsonp"),
                            std::optional<std::string_view>()}) {
        const auto error = checkJsonBody("POST", type);
        REQUIRE(error);
        CHECK(error->httpStatus() == 415);
        CHECK(error->code() == "unsupported_media_type");
    }
}

}  // namespace claude_proxy::http
