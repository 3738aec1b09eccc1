#include "service/address_policy.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace claude_proxy::service {
namespace {

std::string_view ipv4Kind(const std::uint8_t* b) {
    if (b[0] == 0) {
        return (b[1] | b[2] | b[3]) == 0 ? "unspecified" : "this network";
    }
    if (b[0] == 127) {
        return "loopback";
    }
    if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)) {
        return "private";
    }
    if (b[0] == 100 && (b[1] & 0xc0) == 64) {
        return "shared";
    }
    if (b[0] == 169 && b[1] == 254) {
        return "link-local";
    }
    if ((b[0] & 0xf0) == 224) {
        return "multicast";
    }
    if ((b[0] & 0xf0) == 240) {
        return "reserved";
    }
    return {};
}

bool allZero(const std::uint8_t* bytes, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        if (bytes[i] != 0) {
            return false;
        }
    }
    return true;
}

std::string_view ipv6Kind(const std::uint8_t* b) {
    if (allZero(b, 16)) {
        return "unspecified";
    }
    if (allZero(b, 15) && b[15] == 1) {
        return "loopback";
    }
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 address decides.
    if (allZero(b, 10) && ((b[10] == 0xff && b[11] == 0xff) || (b[10] == 0 && b[11] == 0))) {
        return ipv4Kind(b + 12);
    }
    // 64:ff9b::/96, the well-known NAT64 prefix.
    static constexpr std::array<std::uint8_t, 12> kNat64 = {0x00, 0x64, 0xff, 0x9b, 0, 0,
                                                            0,    0,    0,    0,    0, 0};
    if (std::memcmp(b, kNat64.data(), kNat64.size()) == 0) {
        return ipv4Kind(b + 12);
    }
    if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)) {
        return "private";
    }
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) {
        return "link-local";
    }
    if (b[0] == 0xff) {
        return "multicast";
    }
    return {};
}

}  // namespace

std::string_view forbiddenAddressKind(const Poco::Net::IPAddress& address) {
    const auto* bytes = static_cast<const std::uint8_t*>(address.addr());
    if (address.family() == Poco::Net::AddressFamily::IPv4) {
        return ipv4Kind(bytes);
    }
    return ipv6Kind(bytes);
}

}  // namespace claude_proxy::service
