#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>

namespace claude_proxy::cli {

// Bounds how many CLI processes run at once. acquire() waits up to a bound for a free slot;
// the returned Slot gives it back when destroyed, on every path.
class ConcurrencyLimiter {
  public:
    class Slot {
      public:
        Slot(Slot&& other) noexcept;
        Slot& operator=(Slot&& other) noexcept;  // gives back the slot held before, if any
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        ~Slot();

      private:
        friend class ConcurrencyLimiter;
        explicit Slot(ConcurrencyLimiter* owner) : owner_(owner) {}
        ConcurrencyLimiter* owner_;
    };

    // maxConcurrent == 0 means unlimited.
    explicit ConcurrencyLimiter(std::size_t maxConcurrent);

    // A slot, or nullopt when none came free within `maxWait`.
    std::optional<Slot> acquire(std::chrono::milliseconds maxWait);

    std::size_t inUse() const;
    std::size_t waiting() const;
    std::size_t capacity() const { return max_; }

  private:
    void release();

    const std::size_t max_;
    mutable std::mutex mutex_;
    std::condition_variable freed_;
    std::size_t inUse_ = 0;
    std::size_t waiting_ = 0;
};

}  // namespace claude_proxy::cli
