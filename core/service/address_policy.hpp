#pragma once

#include <Poco/Net/IPAddress.h>

#include <string_view>

namespace claude_proxy::service {

// Why the proxy must not connect to `address` when it fetches a client's URL (a server-side
// request forgery would reach the proxy's own host or network), or "" for a public address.
// IPv4: "this network" 0/8 (0.0.0.0 is "unspecified"), "loopback" 127/8, "private" 10/8,
// 172.16/12, 192.168/16, "shared" (CGNAT) 100.64/10, "link-local" 169.254/16, "multicast" 224/4,
// "reserved" 240/4 (broadcast included). IPv6: "unspecified" ::, "loopback" ::1, "private"
// fc00::/7 (unique local) and fec0::/10 (old site-local), "link-local" fe80::/10, "multicast"
// ff00::/8; an IPv4 address embedded as ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) or
// 64:ff9b::a.b.c.d (NAT64) is judged as that IPv4 address. Pure.
std::string_view forbiddenAddressKind(const Poco::Net::IPAddress& address);

}  // namespace claude_proxy::service
