#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace claude_proxy::bench {

// The highest values seen while sampling.
struct SampleReport {
    long peakRssKb = 0;          // the process's own VmRSS
    long peakChildrenRssKb = 0;  // VmRSS of its live children, summed per sample
    std::size_t maxChildren = 0;
    int samples = 0;
};

// Samples one process (the proxy) on a background thread every `interval`: its own VmRSS, and
// how many children (CLI runs) it has and their VmRSS. Each sample scans /proc (about 1 ms of
// CPU with a hundred processes). Stops on stop(), on destruction, or
// after `maxDuration`, whichever comes first.
class ProcessSampler {
  public:
    // Children listed in `notCounted` are left out of the count and the summed RSS.
    ProcessSampler(pid_t pid, std::chrono::milliseconds interval,
                   std::chrono::milliseconds maxDuration, std::vector<pid_t> notCounted = {});
    ~ProcessSampler();

    ProcessSampler(const ProcessSampler&) = delete;
    ProcessSampler& operator=(const ProcessSampler&) = delete;

    SampleReport stop();  // idempotent

  private:
    void run();
    void sampleOnce();

    pid_t pid_;
    std::chrono::milliseconds interval_;
    std::chrono::milliseconds maxDuration_;
    std::vector<pid_t> notCounted_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    SampleReport report_;
    std::thread thread_;
};

}  // namespace claude_proxy::bench
