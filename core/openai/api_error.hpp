#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace claude_proxy::openai {

// An error the client sees, in OpenAI's shape: {"error":{"message","type","param","code"}}.
// Thrown by the pure layers and by the CLI error mapping; caught once per request by the HTTP
// error boundary, which renders it with renderErrorBody() and the HTTP status below.
class ApiError : public std::runtime_error {
  public:
    ApiError(int httpStatus, std::string type, std::string code, const std::string& message,
             std::optional<std::string> param = std::nullopt)
        : std::runtime_error(message),
          httpStatus_(httpStatus),
          type_(std::move(type)),
          code_(std::move(code)),
          param_(std::move(param)) {}

    int httpStatus() const { return httpStatus_; }
    const std::string& type() const { return type_; }
    // Empty code renders as JSON null.
    const std::string& code() const { return code_; }
    // nullopt renders as JSON null.
    const std::optional<std::string>& param() const { return param_; }
    // Seconds for a Retry-After header, when known.
    const std::optional<int>& retryAfterSeconds() const { return retryAfterSeconds_; }

    ApiError& withRetryAfter(int seconds) {
        retryAfterSeconds_ = seconds;
        return *this;
    }

    // 400 invalid_request_error; `param` names the offending field ("messages[2].content").
    static ApiError invalidRequest(const std::string& message, std::optional<std::string> param,
                                   std::string code = "invalid_value") {
        return ApiError(400, "invalid_request_error", std::move(code), message, std::move(param));
    }

  private:
    int httpStatus_;
    std::string type_;
    std::string code_;
    std::optional<std::string> param_;
    std::optional<int> retryAfterSeconds_;
};

}  // namespace claude_proxy::openai
