#include "http/api_key_set.hpp"

#include <algorithm>

#include <Poco/SHA2Engine.h>

namespace claude_proxy::http {
namespace {

std::string sha256(std::string_view text) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(text.data(), static_cast<unsigned>(text.size()));
    const auto& digest = engine.digest();
    return std::string(digest.begin(), digest.end());
}

}  // namespace

bool constantTimeEqual(std::string_view a, std::string_view b) {
    // Reads through volatile pointers: the compiler may not stop at the first difference.
    const volatile char* left = a.data();
    const volatile char* right = b.data();
    const std::size_t length = std::min(a.size(), b.size());
    unsigned difference = a.size() == b.size() ? 0U : 1U;
    for (std::size_t i = 0; i < length; ++i) {
        difference |= static_cast<unsigned>(static_cast<unsigned char>(left[i]) ^
                                            static_cast<unsigned char>(right[i]));
    }
    return difference == 0;
}

ApiKeySet::ApiKeySet(const std::vector<std::string>& keys) {
    for (const auto& key : keys) {
        digests_.push_back(sha256(key));
    }
}

bool ApiKeySet::contains(std::string_view presented) const {
    const std::string digest = sha256(presented);
    unsigned matched = 0;
    for (const auto& stored : digests_) {
        matched |= static_cast<unsigned>(constantTimeEqual(digest, stored));
    }
    return matched != 0;
}

}  // namespace claude_proxy::http
