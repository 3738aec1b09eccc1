#include "http/request_router.hpp"

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "http/access_endpoints.hpp"
#include "http/endpoints.hpp"
#include "http/guarded_handler.hpp"
#include "http/route_path.hpp"

namespace claude_proxy::http {
namespace {

using MakeEndpoint =
    std::function<std::unique_ptr<Endpoint>(const ServerContext&, const std::string& tail)>;

// Whether a route needs an API key when keys are configured.
enum class Access { ApiKey, Open };

struct Route {
    std::string method;
    std::string path;     // exact path, or a prefix when `prefix` is set
    bool prefix = false;  // the rest of the path is passed to `make` as `tail`
    MakeEndpoint make;
    Access access = Access::ApiKey;
};

const std::vector<Route>& routes() {
    static const std::vector<Route> table = {
        {"GET", "/health", false,
         [](const ServerContext& c, const std::string&) { return makeHealthEndpoint(c); },
         Access::Open},
        {"GET", "/ready", false,
         [](const ServerContext& c, const std::string&) { return makeReadyEndpoint(c); },
         Access::Open},
        {"GET", "/metrics", false,
         [](const ServerContext& c, const std::string&) { return makeMetricsEndpoint(c); }},
        {"GET", "/models", false,
         [](const ServerContext& c, const std::string&) { return makeModelListEndpoint(c); }},
        {"GET", "/models/", true,
         [](const ServerContext& c, const std::string& id) { return makeModelEndpoint(c, id); }},
        {"GET", "/toolcall-modules", false,
         [](const ServerContext& c, const std::string&) { return makeToolCallModulesEndpoint(c); }},
        {"POST", "/chat/completions", false,
         [](const ServerContext& c, const std::string&) { return makeChatCompletionsEndpoint(c); }},
        {"POST", "/responses", false,
         [](const ServerContext& c, const std::string&) { return makeResponsesEndpoint(c); }},
        {"GET", "/responses/", true,
         [](const ServerContext& c, const std::string& id) {
             return makeStoredResponseEndpoint(c, id, false);
         }},
        {"DELETE", "/responses/", true,
         [](const ServerContext& c, const std::string& id) {
             return makeStoredResponseEndpoint(c, id, true);
         }},
    };
    return table;
}

std::optional<std::string> match(const Route& route, const std::string& path) {
    if (route.prefix) {
        if (path.size() > route.path.size() && path.rfind(route.path, 0) == 0) {
            return path.substr(route.path.size());
        }
        return std::nullopt;
    }
    if (path == route.path) {
        return std::string();
    }
    return std::nullopt;
}

}  // namespace

Poco::Net::HTTPRequestHandler* RequestRouter::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
    const std::string path = normalisedPath(request.getURI());
    const Route* route = nullptr;
    std::string tail;
    std::string allowed;  // the methods of the path, when `route` stays null
    for (const auto& candidate : routes()) {
        const auto candidateTail = match(candidate, path);
        if (!candidateTail) {
            continue;
        }
        if (candidate.method == request.getMethod()) {
            route = &candidate;
            tail = *candidateTail;
            break;
        }
        allowed += (allowed.empty() ? "" : ", ") + candidate.method;
    }

    // Every response to an allowed browser origin carries the CORS headers, errors included.
    const AccessControl& access = context_.access;
    const auto guarded = [&](std::unique_ptr<Endpoint> endpoint) {
        return new GuardedHandler(withHeaders(std::move(endpoint), access.cors.responseHeaders(
                                                                       request.get("Origin", ""))),
                                  context_);
    };
    const bool open = route != nullptr && route->access == Access::Open;
    if (auto answer = makeAccessGateEndpoint(access, request, allowed, open, route != nullptr)) {
        return guarded(std::move(answer));
    }
    if (route != nullptr) {
        return guarded(route->make(context_, tail));
    }
    if (!allowed.empty()) {
        return guarded(makeErrorEndpoint(
            openai::ApiError(405, "invalid_request_error", "method_not_allowed",
                             "Method " + request.getMethod() + " is not allowed on " + path +
                                 "; use " + allowed + "."),
            allowed));
    }
    return guarded(makeErrorEndpoint(openai::ApiError(
        404, "invalid_request_error", "unknown_route",
        "Unknown route " + request.getMethod() + " " + request.getURI() +
            ". Available: POST /v1/chat/completions, GET /v1/models, GET /v1/models/{id}, "
            "GET /v1/toolcall-modules, GET /health, GET /ready, GET /metrics.")));
}

}  // namespace claude_proxy::http
