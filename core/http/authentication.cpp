#include "http/authentication.hpp"

#include <vector>

#include <Poco/SHA2Engine.h>
#include <Poco/String.h>

namespace claude_proxy::http {
namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The token of "Bearer <token>"; nullopt for another scheme or no token.
std::optional<std::string> bearerToken(const std::string& authorization) {
    const std::string value = trimmed(authorization);
    constexpr std::size_t kSchemeLength = 6;  // "Bearer"
    if (value.size() > kSchemeLength &&
        Poco::icompare(value.substr(0, kSchemeLength), "bearer") == 0 &&
        (value[kSchemeLength] == ' ' || value[kSchemeLength] == '\t')) {
        return trimmed(value.substr(kSchemeLength));
    }
    return std::nullopt;
}

}  // namespace

AuthResult authenticate(const ApiKeySet& keys, const std::optional<std::string>& authorization,
                        const std::optional<std::string>& xApiKey) {
    if (keys.empty()) {
        return AuthResult::Accepted;
    }
    // Each credential sent; nullopt for one that cannot be a key (another scheme).
    std::vector<std::optional<std::string>> presented;
    if (authorization && !trimmed(*authorization).empty()) {
        presented.push_back(bearerToken(*authorization));
    }
    if (xApiKey && !trimmed(*xApiKey).empty()) {
        presented.push_back(trimmed(*xApiKey));
    }
    if (presented.empty()) {
        return AuthResult::Missing;
    }
    unsigned matched = 0;
    for (const auto& key : presented) {
        if (key) {
            matched |= static_cast<unsigned>(keys.contains(*key));
        }
    }
    return matched != 0 ? AuthResult::Accepted : AuthResult::Rejected;
}

std::string credentialScope(const ApiKeySet& keys, const std::optional<std::string>& authorization,
                            const std::optional<std::string>& xApiKey) {
    if (keys.empty()) {
        return {};
    }
    std::vector<std::string> presented;
    if (authorization) {
        if (auto token = bearerToken(*authorization)) {
            presented.push_back(*token);
        }
    }
    if (xApiKey) {
        presented.push_back(trimmed(*xApiKey));
    }
    for (const auto& key : presented) {
        if (keys.contains(key)) {
            Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
            engine.update("claude-proxy scope:" + key);
            return Poco::DigestEngine::digestToHex(engine.digest());
        }
    }
    return {};
}

openai::ApiError authenticationError(AuthResult result) {
    const std::string message =
        result == AuthResult::Missing
            ? "You didn't provide an API key. This proxy requires one: send "
              "'Authorization: Bearer <key>' (or 'x-api-key: <key>')."
            : "Incorrect API key provided. Use one of the keys configured for this proxy "
              "(api-keys or api-key-file).";
    return openai::ApiError(401, "authentication_error", "invalid_api_key", message);
}

}  // namespace claude_proxy::http
