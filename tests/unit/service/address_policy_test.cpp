#include "service/address_policy.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace claude_proxy::service {
namespace {

std::string kindOf(const std::string& text) {
    INFO("address: " << text);
    Poco::Net::IPAddress address;
    REQUIRE(Poco::Net::IPAddress::tryParse(text, address));
    return std::string(forbiddenAddressKind(address));
}

void expectKind(const std::vector<std::string>& addresses, const std::string& kind) {
    for (const auto& address : addresses) {
        INFO("address: " << address);
        CHECK(kindOf(address) == kind);
    }
}

}  // namespace

TEST_CASE("address policy: IPv4 loopback, private, shared, link-local and the rest") {
    expectKind({"127.0.0.1", "127.0.0.0", "127.255.255.255", "127.1.2.3"}, "loopback");
    expectKind({"10.0.0.0", "10.255.255.255", "172.16.0.0", "172.31.255.255", "192.168.0.0",
                "192.168.255.255"},
               "private");
    expectKind({"100.64.0.0", "100.127.255.255"}, "shared");
    expectKind({"169.254.0.0", "169.254.169.254", "169.254.255.255"}, "link-local");
    expectKind({"0.0.0.0"}, "unspecified");
    expectKind({"0.0.0.1", "0.255.255.255"}, "this network");
    expectKind({"224.0.0.0", "239.255.255.255"}, "multicast");
    expectKind({"240.0.0.0", "255.255.255.255"}, "reserved");
}

TEST_CASE("address policy: the IPv4 ranges end exactly at their boundaries") {
    expectKind(
        {"9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
         "192.169.0.0", "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0",
         "126.255.255.255", "128.0.0.0", "1.0.0.0", "223.255.255.255", "8.8.8.8", "93.184.216.34"},
        "");
}

TEST_CASE("address policy: IPv6 loopback, unspecified, unique local, link-local, multicast") {
    expectKind({"::1"}, "loopback");
    // "::" (IPAddress does not parse that text: the wildcard address stands for it).
    CHECK(forbiddenAddressKind(Poco::Net::IPAddress(Poco::Net::IPAddress::IPv6)) == "unspecified");
    CHECK(forbiddenAddressKind(Poco::Net::IPAddress(Poco::Net::IPAddress::IPv4)) == "unspecified");
    expectKind({"fc00::", "fd12:3456::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::1"},
               "private");
    expectKind({"fe80::", "fe80::1", "febf:ffff::1"}, "link-local");
    expectKind({"ff00::", "ff02::1", "ffff::1"}, "multicast");
    expectKind({"2001:4860:4860::8888", "2606:4700::1111", "fbff::1", "fe00::1"}, "");
    // ::a.b.c.d (IPv4-compatible, deprecated) is judged as a.b.c.d: ::2 is 0.0.0.2.
    expectKind({"::2"}, "this network");
}

TEST_CASE("address policy: IPv4 inside IPv6 is judged as the IPv4 address") {
    expectKind({"::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::127.0.0.1"}, "loopback");
    expectKind({"::ffff:10.1.2.3", "::ffff:192.168.1.1", "64:ff9b::172.16.0.1"}, "private");
    expectKind({"::ffff:169.254.169.254"}, "link-local");
    expectKind({"::ffff:100.64.0.1"}, "shared");
    expectKind({"::ffff:0.0.0.0"}, "unspecified");
    expectKind({"::ffff:224.0.0.1"}, "multicast");
    expectKind({"::ffff:8.8.8.8", "64:ff9b::8.8.8.8"}, "");
}

}  // namespace claude_proxy::service
