#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>

namespace claude_proxy::cli {

// Bounds how many CLI processes run at once. Requests that find every slot taken wait in one
// queue, first come first served, for at most a bound; the queue itself is bounded, so past it
// a request is refused at once instead of holding a thread. close() (server shutdown) refuses
// every waiter and every later request at once. The returned Slot gives its slot back when
// destroyed, on every path. Thread-safe.
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

    // Why acquire() gave no slot.
    enum class Refusal {
        None,
        QueueFull,  // maxQueued requests were waiting already: refused without waiting
        TimedOut,   // no slot came free within the wait
        Closed,     // the limiter was closed (shutdown)
        Abandoned,  // `abandoned` said the request is no longer wanted (its client left)
    };

    // maxConcurrent == 0 means unlimited. maxQueued: how many may wait at once.
    explicit ConcurrencyLimiter(std::size_t maxConcurrent,
                                std::size_t maxQueued = std::numeric_limits<std::size_t>::max());

    // A slot, or nullopt when none came free within `maxWait` (why in `*refusal`, when given).
    // While it waits in the queue, `abandoned` (when given) is asked about every
    // kAbandonedCheck, without the lock held; once it says true the request leaves the queue
    // at once, so that a request nobody waits for any more keeps no place in it.
    std::optional<Slot> acquire(std::chrono::milliseconds maxWait, Refusal* refusal = nullptr,
                                const std::function<bool()>& abandoned = {});

    static constexpr std::chrono::milliseconds kAbandonedCheck{100};

    // Refuses every waiting and every later acquire() with Refusal::Closed.
    void close();

    std::size_t inUse() const;
    std::size_t waiting() const;
    std::size_t capacity() const { return max_; }
    std::size_t queueCapacity() const { return maxQueued_; }

  private:
    void release();

    const std::size_t max_;
    const std::size_t maxQueued_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t inUse_ = 0;
    std::deque<std::uint64_t> queue_;  // tickets of the waiters, oldest first
    std::uint64_t nextTicket_ = 0;
    bool closed_ = false;
};

}  // namespace claude_proxy::cli
