#pragma once

#include <cstddef>

namespace claude_proxy::test_support {
class MockAnthropic;
}

namespace claude_proxy::bench {

// What the CLI sent the mock for one chat request: every /v1/* request the mock logged.
struct UpstreamTraffic {
    std::size_t requests = 0;
    std::size_t bodyBytes = 0;  // request bodies summed (body_bytes in the mock's log)
};

// The mock's request log (GET/DELETE /_mock/requests), read around one run at a time.
class UpstreamLog {
  public:
    explicit UpstreamLog(const test_support::MockAnthropic& mock) : mock_(mock) {}

    void reset() const;  // forget what came before
    // What arrived since the last reset (or take); then forgets it. Throws if the mock does not
    // answer.
    UpstreamTraffic take() const;

  private:
    const test_support::MockAnthropic& mock_;
};

}  // namespace claude_proxy::bench
