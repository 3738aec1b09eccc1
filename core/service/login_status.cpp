#include "service/login_status.hpp"

#include "json/bounded_json.hpp"

namespace claude_proxy::service {

std::optional<bool> LoginStatus::loggedIn() {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (!probedAt_ || now - *probedAt_ >= maxAge_) {
        value_ = probe_();
        probedAt_ = now;
    }
    return value_;
}

std::optional<bool> parseAuthStatus(const std::string& stdoutText) {
    const auto start = stdoutText.find('{');
    if (start == std::string::npos) {
        return std::nullopt;
    }
    rapidjson::Document document;
    if (!json::parse(document, std::string_view(stdoutText).substr(start)).ok() ||
        !document.IsObject()) {
        return std::nullopt;
    }
    const auto found = document.FindMember("loggedIn");
    if (found == document.MemberEnd() || !found->value.IsBool()) {
        return std::nullopt;
    }
    return found->value.GetBool();
}

}  // namespace claude_proxy::service
