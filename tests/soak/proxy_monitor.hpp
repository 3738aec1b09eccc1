#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace claude_proxy::soak {

// The highest figures seen while sampling the proxy process.
struct MonitorReport {
    long peakRssKb = 0;            // its own VmRSS
    std::size_t mostChildren = 0;  // live children (CLI runs) at once
    int mostFds = 0;               // entries of /proc/<pid>/fd
    bool vanished = false;         // the process was gone at some sample
    int samples = 0;
};

// Samples one process (the proxy) every `interval` on a thread of its own: its VmRSS, how many
// live children it has and how many descriptors it holds.
class ProxyMonitor {
  public:
    ProxyMonitor(pid_t pid, std::chrono::milliseconds interval);
    ~ProxyMonitor();  // stop()
    ProxyMonitor(const ProxyMonitor&) = delete;
    ProxyMonitor& operator=(const ProxyMonitor&) = delete;

    MonitorReport stop();  // idempotent

  private:
    void run();
    void sampleOnce();

    pid_t pid_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    MonitorReport report_;
    std::thread thread_;
};

}  // namespace claude_proxy::soak
