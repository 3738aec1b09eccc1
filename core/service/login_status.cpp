#include "service/login_status.hpp"

#include "json/bounded_json.hpp"

namespace claude_proxy::service {

std::optional<bool> LoginStatus::loggedIn() {
    std::unique_lock lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const bool stale = !probedAt_ || now - *probedAt_ >= maxAge_;
    if (!stale) {
        return value_;
    }
    if (probing_) {
        if (!probedAt_) {
            probed_.wait(lock, [this] { return !probing_; });
        }
        return value_;
    }
    probing_ = true;
    lock.unlock();
    std::optional<bool> fresh;
    try {
        fresh = probe_();
    } catch (...) {
        fresh = std::nullopt;
    }
    lock.lock();
    probing_ = false;
    value_ = fresh;
    probedAt_ = std::chrono::steady_clock::now();
    probed_.notify_all();
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
