#include "process_sampler.hpp"

#include <algorithm>

#include "rss.hpp"
#include "support/process_census.hpp"

namespace claude_proxy::bench {

ProcessSampler::ProcessSampler(pid_t pid, std::chrono::milliseconds interval,
                               std::chrono::milliseconds maxDuration)
    : pid_(pid), interval_(interval), maxDuration_(maxDuration), thread_([this] { run(); }) {}

ProcessSampler::~ProcessSampler() {
    stop();
}

SampleReport ProcessSampler::stop() {
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

void ProcessSampler::run() {
    const auto deadline = std::chrono::steady_clock::now() + maxDuration_;
    std::unique_lock lock(mutex_);
    while (!stopping_ && std::chrono::steady_clock::now() < deadline) {
        lock.unlock();
        sampleOnce();
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

void ProcessSampler::sampleOnce() {
    const long own = residentKb(pid_).value_or(0);
    const auto children = test_support::childrenOf(pid_);
    long childrenKb = 0;
    for (const pid_t child : children) {
        childrenKb += residentKb(child).value_or(0);
    }
    std::lock_guard lock(mutex_);
    report_.peakRssKb = std::max(report_.peakRssKb, own);
    report_.peakChildrenRssKb = std::max(report_.peakChildrenRssKb, childrenKb);
    report_.maxChildren = std::max(report_.maxChildren, children.size());
    ++report_.samples;
}

}  // namespace claude_proxy::bench
