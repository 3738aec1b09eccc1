#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace claude_proxy::service {

// Whether the CLI is logged in, from `claude auth status` (a local check: no request goes
// upstream), cached for `maxAge` so that readiness probes do not spawn a CLI each time.
// Thread-safe. One caller at a time runs the probe, without holding the lock. While a probe
// refreshes a stale answer, the other callers get that answer at once instead of waiting
// behind a CLI start; only before the first answer do they wait for it (the probe is bounded).
class LoginStatus {
  public:
    // `probe` answers true/false, or nullopt when it cannot tell (no CLI, unparsable output).
    using Probe = std::function<std::optional<bool>()>;

    LoginStatus(Probe probe, std::chrono::milliseconds maxAge)
        : probe_(std::move(probe)), maxAge_(maxAge) {}

    // The cached answer, probing again when it is older than maxAge (or never probed).
    std::optional<bool> loggedIn();

  private:
    Probe probe_;
    std::chrono::milliseconds maxAge_;
    std::mutex mutex_;
    std::optional<bool> value_;
    std::optional<std::chrono::steady_clock::time_point> probedAt_;
    bool probing_ = false;
    std::condition_variable probed_;
};

// Reads `claude auth status` output: the boolean "loggedIn" of its JSON object. Pure.
std::optional<bool> parseAuthStatus(const std::string& stdoutText);

}  // namespace claude_proxy::service
