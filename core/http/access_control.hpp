#pragma once

#include <string>
#include <vector>

#include "http/api_key_set.hpp"
#include "http/cors_policy.hpp"

namespace claude_proxy::http {

// Who may use the API: the API keys requests must present (none: anyone who can connect), the
// browser origins allowed by CORS, and the host names served without keys (besides localhost
// and IP addresses; see browser_guard.hpp). Built once at start-up; read-only afterwards.
struct AccessControl {
    ApiKeySet keys;
    CorsPolicy cors;
    std::vector<std::string> allowedHosts;
};

}  // namespace claude_proxy::http
