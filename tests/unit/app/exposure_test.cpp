#include <doctest/doctest.h>

#include "app/exposure.hpp"

using claude_proxy::app::assessExposure;
using claude_proxy::app::Exposure;
using claude_proxy::app::isLoopbackHost;

TEST_CASE("loopback hosts") {
    for (const std::string host :
         {"127.0.0.1", "127.5.5.5", "127.255.255.254", "::1", "[::1]", "0:0:0:0:0:0:0:1",
          "localhost", "LocalHost", "localhost.", "::ffff:127.0.0.1"}) {
        INFO(host);
        CHECK(isLoopbackHost(host));
    }
}

TEST_CASE("hosts reachable from outside") {
    for (const std::string host :
         {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "128.0.0.1", "126.255.255.255", "::2",
          "::ffff:192.168.0.1", "example.com", "localhost.example.com", "my-localhost", ""}) {
        INFO(host);
        CHECK_FALSE(isLoopbackHost(host));
    }
}

TEST_CASE("a reachable host needs API keys or explicit consent") {
    CHECK(assessExposure("127.0.0.1", false, false) == Exposure::Local);
    CHECK(assessExposure("0.0.0.0", true, false) == Exposure::Protected);
    CHECK(assessExposure("0.0.0.0", false, false) == Exposure::Refused);
    CHECK(assessExposure("192.168.1.2", false, true) == Exposure::Unprotected);
    CHECK(assessExposure("::1", false, true) == Exposure::Local);
}
