#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace claude_proxy::soak {

// What the /health probes saw.
struct HealthReport {
    std::vector<double> latenciesMs;  // one per probe, in order; failed probes included
    int failures = 0;                 // no answer, not 200, or not {"status":"ok"}
    std::string firstFailure;
    long mostInFlight = 0;  // largest in_flight / queued / cli_processes the answers gave
    long mostQueued = 0;
    long mostCliProcesses = 0;
};

// Asks GET /health every `interval` from a thread of its own, each time over a new connection,
// and times each probe from before the connect to the end of the answer. A probe that takes
// longer than `probeTimeout` is a failure (its latency then reads as the timeout).
class HealthSampler {
  public:
    HealthSampler(int port, std::chrono::milliseconds interval,
                  std::chrono::milliseconds probeTimeout);
    ~HealthSampler();  // stop()
    HealthSampler(const HealthSampler&) = delete;
    HealthSampler& operator=(const HealthSampler&) = delete;

    // Ends the thread (within one probe) and returns what it saw. Idempotent.
    HealthReport stop();

  private:
    void run();
    void probeOnce();

    int port_;
    std::chrono::milliseconds interval_;
    std::chrono::milliseconds probeTimeout_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    HealthReport report_;
    std::thread thread_;
};

}  // namespace claude_proxy::soak
