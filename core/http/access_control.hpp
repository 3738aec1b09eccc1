#pragma once

#include "http/api_key_set.hpp"
#include "http/cors_policy.hpp"

namespace claude_proxy::http {

// Who may use the API: the API keys requests must present (none: anyone who can connect) and
// the browser origins allowed by CORS. Built once at start-up; read-only afterwards.
struct AccessControl {
    ApiKeySet keys;
    CorsPolicy cors;
};

}  // namespace claude_proxy::http
