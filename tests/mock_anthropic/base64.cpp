#include "base64.hpp"

#include <cstdint>

namespace mock_anthropic {
namespace {

// Value of one base64 digit in either alphabet, or -1.
int digitValue(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
        return 62;
    }
    if (c == '/' || c == '_') {
        return 63;
    }
    return -1;
}

}  // namespace

std::optional<std::string> decodeBase64(std::string_view encoded) {
    while (!encoded.empty() && encoded.back() == '=') {
        encoded.remove_suffix(1);
    }
    if (encoded.size() % 4 == 1) {
        return std::nullopt;  // one leftover digit cannot carry a whole byte
    }
    std::string decoded;
    decoded.reserve(encoded.size() * 3 / 4);
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (const char c : encoded) {
        const int value = digitValue(c);
        if (value < 0) {
            return std::nullopt;
        }
        accumulator = (accumulator << 6U) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            decoded.push_back(
                static_cast<char>((accumulator >> static_cast<unsigned>(bits)) & 0xFFU));
        }
    }
    return decoded;
}

}  // namespace mock_anthropic
