#pragma once

#include <optional>
#include <string>

#include "http/api_key_set.hpp"
#include "openai/api_error.hpp"

namespace claude_proxy::http {

enum class AuthResult {
    Accepted,  // no keys are configured, or a presented key is one of them
    Missing,   // keys are configured and the request presents none
    Rejected   // keys are configured and no presented key matches
};

// Checks the credentials of a request against `keys`. A key may come as
// "Authorization: Bearer <key>" (the scheme in any case) or as "x-api-key: <key>"; when both
// are present, either may match. An Authorization header with another scheme (or none) counts
// as a presented, wrong key. Every presented key is checked (no early exit). Pure.
AuthResult authenticate(const ApiKeySet& keys, const std::optional<std::string>& authorization,
                        const std::optional<std::string>& xApiKey);

// Whose request it is, for keeping conversations apart: a hex SHA-256 of the accepted key
// (never the key), "" when no keys are configured or none is accepted. Pure.
std::string credentialScope(const ApiKeySet& keys, const std::optional<std::string>& authorization,
                            const std::optional<std::string>& xApiKey);

// The 401 for a request that was not accepted, in OpenAI's shape (authentication_error, as
// every 401 of this API; code invalid_api_key). It never contains what the client sent.
openai::ApiError authenticationError(AuthResult result);

}  // namespace claude_proxy::http
