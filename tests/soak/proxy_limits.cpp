#include "proxy_limits.hpp"

namespace claude_proxy::soak {
namespace {

// What a slow, shared machine may add to any bound.
constexpr std::chrono::milliseconds kMargin{20000};

std::string flag(const std::string& name, long long value) {
    return "--" + name + "=" + std::to_string(value);
}

}  // namespace

std::vector<std::string> ProxyLimits::proxyArguments() const {
    return {
        flag("max-concurrency", maxConcurrency),
        flag("request-timeout-ms", requestTimeout.count()),
        flag("queue-timeout-ms", queueTimeout.count()),
        flag("max-queue", maxQueue),
        flag("request-read-timeout-ms", readTimeout.count()),
        flag("kill-grace-ms", killGrace.count()),
        flag("max-body-bytes", static_cast<long long>(maxBodyBytes)),
        flag("cli-max-retries", cliMaxRetries),
        flag("live-conversations", liveConversations),
        flag("spare-processes", spareProcesses),
    };
}

std::chrono::milliseconds ProxyLimits::cliRequestBound() const {
    return queueTimeout + requestTimeout + killGrace + kMargin;
}

std::chrono::milliseconds ProxyLimits::quickRequestBound() const {
    return readTimeout + kMargin;
}

}  // namespace claude_proxy::soak
