#include "process_sampler.hpp"

#include <algorithm>
#include <utility>

#include "rss.hpp"
#include "support/process_census.hpp"

namespace claude_proxy::bench {

ProcessSampler::ProcessSampler(pid_t pid, std::chrono::milliseconds interval,
                               std::chrono::milliseconds maxDuration, std::vector<pid_t> notCounted)
    : pid_(pid),
      interval_(interval),
      maxDuration_(maxDuration),
      notCounted_(std::move(notCounted)),
      thread_([this] { run(); }) {}

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
    std::vector<pid_t> children = test_support::childrenOf(pid_);
    std::erase_if(children, [this](pid_t child) {
        return std::find(notCounted_.begin(), notCounted_.end(), child) != notCounted_.end();
    });
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
