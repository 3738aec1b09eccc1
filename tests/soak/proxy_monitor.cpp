#include "proxy_monitor.hpp"

#include <algorithm>

#include "bench/rss.hpp"
#include "support/process_census.hpp"

namespace claude_proxy::soak {

ProxyMonitor::ProxyMonitor(pid_t pid, std::chrono::milliseconds interval)
    : pid_(pid), interval_(interval) {
    thread_ = std::thread([this] { run(); });
}

ProxyMonitor::~ProxyMonitor() {
    stop();
}

MonitorReport ProxyMonitor::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    std::lock_guard lock(mutex_);
    return report_;
}

void ProxyMonitor::run() {
    while (true) {
        sampleOnce();
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
            return;
        }
    }
}

void ProxyMonitor::sampleOnce() {
    const auto rss = bench::residentKb(pid_);
    const std::size_t children = test_support::childrenOf(pid_).size();
    const int fds = test_support::openFdCount(pid_);
    std::lock_guard lock(mutex_);
    ++report_.samples;
    if (!rss || fds < 0) {
        report_.vanished = true;
        return;
    }
    report_.peakRssKb = std::max(report_.peakRssKb, *rss);
    report_.mostChildren = std::max(report_.mostChildren, children);
    report_.mostFds = std::max(report_.mostFds, fds);
}

}  // namespace claude_proxy::soak
