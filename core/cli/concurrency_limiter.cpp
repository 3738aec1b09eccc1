#include "cli/concurrency_limiter.hpp"

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

ConcurrencyLimiter::ConcurrencyLimiter(std::size_t maxConcurrent) : max_(maxConcurrent) {}

std::optional<ConcurrencyLimiter::Slot> ConcurrencyLimiter::acquire(
    std::chrono::milliseconds maxWait) {
    std::unique_lock lock(mutex_);
    const auto hasRoom = [this] { return max_ == 0 || inUse_ < max_; };
    if (!hasRoom()) {
        if (maxWait <= std::chrono::milliseconds::zero()) {
            return std::nullopt;
        }
        ++waiting_;
        const bool freed = freed_.wait_for(lock, maxWait, hasRoom);
        --waiting_;
        if (!freed) {
            return std::nullopt;
        }
    }
    ++inUse_;
    return std::optional<Slot>(Slot(this));
}

std::size_t ConcurrencyLimiter::inUse() const {
    std::lock_guard lock(mutex_);
    return inUse_;
}

std::size_t ConcurrencyLimiter::waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_;
}

void ConcurrencyLimiter::release() {
    {
        std::lock_guard lock(mutex_);
        --inUse_;
    }
    freed_.notify_one();
}

}  // namespace claude_proxy::cli
