#pragma once

#include <string>

namespace claude_proxy::app {

// True when `host` only accepts connections from this machine: "localhost", an IPv4 address in
// 127.0.0.0/8, ::1, or an IPv4-mapped IPv6 form of a 127.x address (brackets allowed around an
// IPv6 address). Everything else, 0.0.0.0 and :: included, counts as reachable from outside.
// Host names other than localhost are not resolved. Pure.
bool isLoopbackHost(const std::string& host);

// Whether the server may start on `host`.
enum class Exposure {
    Local,       // a loopback address
    Protected,   // reachable from outside, but every request needs an API key
    Refused,     // reachable from outside without keys, and that was not allowed
    Unprotected  // reachable from outside without keys, as allow-unauthenticated asked
};

Exposure assessExposure(const std::string& host, bool hasApiKeys, bool allowUnauthenticated);

}  // namespace claude_proxy::app
