#include "upstream_log.hpp"

#include "support/mock_anthropic.hpp"

namespace claude_proxy::bench {

void UpstreamLog::reset() const {
    mock_.clearRequests();
}

UpstreamTraffic UpstreamLog::take() const {
    UpstreamTraffic traffic;
    for (const auto& request : mock_.requests()) {
        ++traffic.requests;
        traffic.bodyBytes += request.bodyBytes;
    }
    mock_.clearRequests();
    return traffic;
}

}  // namespace claude_proxy::bench
