#include "app/exposure.hpp"

#include <cstring>

#include <Poco/Net/IPAddress.h>
#include <Poco/String.h>

namespace claude_proxy::app {

bool isLoopbackHost(const std::string& host) {
    std::string text = host;
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
    }
    const std::string lower = Poco::toLower(text);
    if (lower == "localhost" || lower == "localhost.") {
        return true;
    }
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(text, address)) {
        return false;
    }
    if (address.isLoopback()) {
        return true;
    }
    if (address.family() == Poco::Net::AddressFamily::IPv6 && address.isIPv4Mapped()) {
        unsigned char bytes[16];
        std::memcpy(bytes, address.addr(), sizeof bytes);
        return bytes[12] == 127;
    }
    return false;
}

Exposure assessExposure(const std::string& host, bool hasApiKeys, bool allowUnauthenticated) {
    if (isLoopbackHost(host)) {
        return Exposure::Local;
    }
    if (hasApiKeys) {
        return Exposure::Protected;
    }
    return allowUnauthenticated ? Exposure::Unprotected : Exposure::Refused;
}

}  // namespace claude_proxy::app
