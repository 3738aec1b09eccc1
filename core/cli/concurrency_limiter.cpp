#include "cli/concurrency_limiter.hpp"

#include <algorithm>
#include <utility>

namespace claude_proxy::cli {

ConcurrencyLimiter::Slot::Slot(Slot&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)) {}

ConcurrencyLimiter::Slot& ConcurrencyLimiter::Slot::operator=(Slot&& other) noexcept {
    if (this != &other) {
        if (owner_ != nullptr) {
            owner_->release();
        }
        owner_ = std::exchange(other.owner_, nullptr);
    }
    return *this;
}

ConcurrencyLimiter::Slot::~Slot() {
    if (owner_ != nullptr) {
        owner_->release();
    }
}

ConcurrencyLimiter::ConcurrencyLimiter(std::size_t maxConcurrent, std::size_t maxQueued)
    : max_(maxConcurrent), maxQueued_(maxQueued) {}

std::optional<ConcurrencyLimiter::Slot> ConcurrencyLimiter::acquire(
    std::chrono::milliseconds maxWait, Refusal* refusal, const std::function<bool()>& abandoned) {
    const auto refuse = [refusal](Refusal why) {
        if (refusal != nullptr) {
            *refusal = why;
        }
        return std::nullopt;
    };
    std::unique_lock lock(mutex_);
    const auto hasRoom = [this] { return max_ == 0 || inUse_ < max_; };
    if (closed_) {
        return refuse(Refusal::Closed);
    }
    // Nobody may overtake those already waiting.
    if (queue_.empty() && hasRoom()) {
        ++inUse_;
        return Slot(this);
    }
    if (maxWait <= std::chrono::milliseconds::zero()) {
        return refuse(Refusal::TimedOut);
    }
    if (queue_.size() >= maxQueued_) {
        return refuse(Refusal::QueueFull);
    }
    const std::uint64_t ticket = nextTicket_++;
    queue_.push_back(ticket);
    const auto ready = [&] { return closed_ || (queue_.front() == ticket && hasRoom()); };
    const auto deadline = std::chrono::steady_clock::now() + maxWait;
    bool turn = false;
    bool gaveUp = false;
    while (true) {
        const auto until =
            abandoned ? std::min(deadline, std::chrono::steady_clock::now() + kAbandonedCheck)
                      : deadline;
        turn = changed_.wait_until(lock, until, ready);
        if (turn || std::chrono::steady_clock::now() >= deadline) {
            break;
        }
        lock.unlock();
        gaveUp = abandoned();
        lock.lock();
        if (gaveUp) {
            break;
        }
    }
    queue_.erase(std::find(queue_.begin(), queue_.end(), ticket));
    // The next in line may now be at the front (and a slot may be free for it).
    changed_.notify_all();
    if (closed_) {
        return refuse(Refusal::Closed);
    }
    if (gaveUp) {
        return refuse(Refusal::Abandoned);
    }
    if (!turn) {
        return refuse(Refusal::TimedOut);
    }
    ++inUse_;
    return Slot(this);
}

void ConcurrencyLimiter::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

std::size_t ConcurrencyLimiter::inUse() const {
    std::lock_guard lock(mutex_);
    return inUse_;
}

std::size_t ConcurrencyLimiter::waiting() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

void ConcurrencyLimiter::release() {
    {
        std::lock_guard lock(mutex_);
        --inUse_;
    }
    changed_.notify_all();
}

}  // namespace claude_proxy::cli
