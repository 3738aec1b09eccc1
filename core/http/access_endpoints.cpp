#include "http/access_endpoints.hpp"

#include <optional>

#include "http/browser_guard.hpp"
#include "http/endpoints.hpp"
#include "openai/api_error.hpp"

namespace claude_proxy::http {
namespace {

class HeaderSettingEndpoint : public Endpoint {
  public:
    HeaderSettingEndpoint(std::unique_ptr<Endpoint> inner, HeaderFields headers)
        : inner_(std::move(inner)), headers_(std::move(headers)) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord& record) override {
        for (const auto& [name, value] : headers_) {
            response.set(name, value);
        }
        inner_->handle(request, response, record);
    }

  private:
    std::unique_ptr<Endpoint> inner_;
    HeaderFields headers_;
};

class UnauthorizedEndpoint : public Endpoint {
  public:
    explicit UnauthorizedEndpoint(AuthResult result) : result_(result) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        (void)request;
        response.set("WWW-Authenticate", "Bearer");
        throw authenticationError(result_);
    }

  private:
    AuthResult result_;
};

class PreflightEndpoint : public Endpoint {
  public:
    PreflightEndpoint(const CorsPolicy& cors, std::string methods)
        : cors_(cors), methods_(std::move(methods)) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        const auto headers = cors_.preflightHeaders(
            request.get("Origin", ""), methods_, request.get("Access-Control-Request-Headers", ""));
        if (!headers) {
            throw openai::ApiError(403, "invalid_request_error", "origin_not_allowed",
                                   "This origin is not allowed to call the API from a browser "
                                   "(see the cors-origins option).");
        }
        for (const auto& [name, value] : *headers) {
            response.set(name, value);
        }
        response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
        response.send();
    }

  private:
    const CorsPolicy& cors_;
    std::string methods_;
};

std::optional<std::string> header(const Poco::Net::HTTPServerRequest& request,
                                  const std::string& name) {
    return request.has(name) ? std::optional<std::string>(request.get(name)) : std::nullopt;
}

}  // namespace

std::unique_ptr<Endpoint> makeAccessGateEndpoint(const AccessControl& access,
                                                 const Poco::Net::HTTPServerRequest& request,
                                                 const std::string& pathMethods, bool open,
                                                 bool routed) {
    if (access.cors.enabled() && isCorsPreflight(request.getMethod(), request.has("Origin"),
                                                 request.has("Access-Control-Request-Method"))) {
        return pathMethods.empty() ? nullptr : makePreflightEndpoint(access.cors, pathMethods);
    }
    const BrowserGuard guard{!access.keys.empty(), access.allowedHosts, &access.cors};
    const auto view = [](const std::optional<std::string>& value) {
        return value ? std::optional<std::string_view>(*value) : std::nullopt;
    };
    const auto host = header(request, "Host");
    const auto origin = header(request, "Origin");
    if (auto refused = checkBrowserOrigin(guard, view(host), view(origin), !open)) {
        return makeErrorEndpoint(std::move(*refused));
    }
    if (!open) {
        const auto result = authenticate(access.keys, header(request, "Authorization"),
                                         header(request, "x-api-key"));
        if (result != AuthResult::Accepted) {
            return makeUnauthorizedEndpoint(result);
        }
    }
    if (routed) {
        if (auto refused =
                checkJsonBody(request.getMethod(), view(header(request, "Content-Type")))) {
            return makeErrorEndpoint(std::move(*refused));
        }
    }
    return nullptr;
}

std::unique_ptr<Endpoint> withHeaders(std::unique_ptr<Endpoint> endpoint, HeaderFields headers) {
    if (headers.empty()) {
        return endpoint;
    }
    return std::make_unique<HeaderSettingEndpoint>(std::move(endpoint), std::move(headers));
}

std::unique_ptr<Endpoint> makeUnauthorizedEndpoint(AuthResult result) {
    return std::make_unique<UnauthorizedEndpoint>(result);
}

std::unique_ptr<Endpoint> makePreflightEndpoint(const CorsPolicy& cors, std::string methods) {
    return std::make_unique<PreflightEndpoint>(cors, std::move(methods));
}

}  // namespace claude_proxy::http
