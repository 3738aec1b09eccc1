#pragma once

#include <memory>
#include <string>

#include "http/access_control.hpp"
#include "http/authentication.hpp"
#include "http/cors_policy.hpp"
#include "http/endpoint.hpp"

namespace claude_proxy::http {

// What access control answers in place of the route, if anything, in this order: a CORS
// preflight (when CORS is on) on a known path, whose methods are `pathMethods`, gets its
// answer; without API keys, a foreign Host or Origin gets 403 (browser_guard.hpp; `open`
// routes skip the Host check); a request without an accepted API key gets the 401, unless the
// route is `open`; a POST to a `routed` path that is not JSON gets 415. nullptr: the request
// goes on to its route (a preflight on an unknown path too, to get its 404).
std::unique_ptr<Endpoint> makeAccessGateEndpoint(const AccessControl& access,
                                                 const Poco::Net::HTTPServerRequest& request,
                                                 const std::string& pathMethods, bool open,
                                                 bool routed);

// `endpoint` with `headers` set on its response before it runs, so they are on whatever it
// sends, errors included. Returns `endpoint` itself when there are none.
std::unique_ptr<Endpoint> withHeaders(std::unique_ptr<Endpoint> endpoint, HeaderFields headers);

// 401 for a request without an accepted API key, with WWW-Authenticate: Bearer. A request with a
// body that was not read cannot share its connection with another request: it is closed.
std::unique_ptr<Endpoint> makeUnauthorizedEndpoint(AuthResult result);

// The answer to a CORS preflight for a path that accepts `methods`: 204 with the CORS headers,
// or 403 origin_not_allowed when the origin is not allowed.
std::unique_ptr<Endpoint> makePreflightEndpoint(const CorsPolicy& cors, std::string methods);

}  // namespace claude_proxy::http
