#include "cli/concurrency_limiter.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

using claude_proxy::cli::ConcurrencyLimiter;
using namespace std::chrono_literals;

namespace {

// Waits (bounded) until `condition` holds; true when it did.
template <typename Condition>
bool waitUntil(Condition condition, std::chrono::milliseconds bound = 5000ms) {
    const auto until = std::chrono::steady_clock::now() + bound;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::yield();
    }
    return true;
}

}  // namespace

TEST_CASE("ConcurrencyLimiter: slots are counted and given back") {
    ConcurrencyLimiter limiter(2);
    CHECK(limiter.capacity() == 2);
    {
        auto a = limiter.acquire(0ms);
        auto b = limiter.acquire(0ms);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(limiter.inUse() == 2);
        const auto start = std::chrono::steady_clock::now();
        CHECK_FALSE(limiter.acquire(30ms).has_value());  // the bounded wait itself
        CHECK(std::chrono::steady_clock::now() - start >= 25ms);
        CHECK(limiter.waiting() == 0);

        // Moving a slot keeps one release.
        auto moved = std::move(*a);
        a.reset();
        CHECK(limiter.inUse() == 2);
    }
    CHECK(limiter.inUse() == 0);
    CHECK(limiter.acquire(0ms).has_value());
    CHECK(limiter.inUse() == 0);
}

TEST_CASE("ConcurrencyLimiter: zero means unlimited") {
    ConcurrencyLimiter limiter(0);
    std::vector<ConcurrencyLimiter::Slot> slots;
    for (int i = 0; i < 100; ++i) {
        auto s = limiter.acquire(0ms);
        REQUIRE(s.has_value());
        slots.push_back(std::move(*s));
    }
    CHECK(limiter.inUse() == 100);
    slots.clear();
    CHECK(limiter.inUse() == 0);
}

TEST_CASE("ConcurrencyLimiter: a waiter gets the slot released by another thread") {
    ConcurrencyLimiter limiter(1);
    auto held = limiter.acquire(0ms);
    REQUIRE(held.has_value());

    std::atomic<bool> got{false};
    std::thread waiter([&] {
        auto s = limiter.acquire(10000ms);
        got = s.has_value();
    });
    REQUIRE(waitUntil([&] { return limiter.waiting() == 1; }));
    CHECK_FALSE(got.load());
    held.reset();  // gives the slot back
    waiter.join();
    CHECK(got.load());
    CHECK(limiter.inUse() == 0);
    CHECK(limiter.waiting() == 0);
}

TEST_CASE("ConcurrencyLimiter: never more than the limit at once") {
    constexpr std::size_t kLimit = 3;
    constexpr int kThreads = 12;
    ConcurrencyLimiter limiter(kLimit);
    std::mutex mutex;
    std::size_t active = 0;
    std::size_t peak = 0;
    std::latch ready(kThreads);
    std::atomic<int> acquired{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&] {
            ready.arrive_and_wait();
            for (int round = 0; round < 50; ++round) {
                auto slot = limiter.acquire(10000ms);
                REQUIRE(slot.has_value());
                {
                    std::lock_guard lock(mutex);
                    ++active;
                    peak = std::max(peak, active);
                }
                std::this_thread::yield();
                {
                    std::lock_guard lock(mutex);
                    --active;
                }
                ++acquired;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    CHECK(acquired.load() == kThreads * 50);
    CHECK(peak <= kLimit);
    CHECK(peak >= 1);
    CHECK(limiter.inUse() == 0);
    CHECK(limiter.waiting() == 0);
}

TEST_CASE("move-assigning a slot gives back the one it replaced") {
    claude_proxy::cli::ConcurrencyLimiter limiter(2);
    auto first = limiter.acquire(std::chrono::milliseconds(0));
    auto second = limiter.acquire(std::chrono::milliseconds(0));
    REQUIRE(first);
    REQUIRE(second);
    CHECK(limiter.inUse() == 2);
    *first = std::move(*second);
    CHECK(limiter.inUse() == 1);
    second.reset();
    CHECK(limiter.inUse() == 1);
    first.reset();
    CHECK(limiter.inUse() == 0);
}

TEST_CASE("ConcurrencyLimiter: waiters are served first come, first served") {
    ConcurrencyLimiter limiter(1);
    auto held = limiter.acquire(0ms);
    REQUIRE(held.has_value());

    constexpr int kWaiters = 6;
    std::mutex orderMutex;
    std::vector<int> order;
    std::vector<std::thread> waiters;
    for (int i = 0; i < kWaiters; ++i) {
        waiters.emplace_back([&, i] {
            auto slot = limiter.acquire(20000ms);
            REQUIRE(slot.has_value());
            std::lock_guard lock(orderMutex);
            order.push_back(i);
        });
        // Each waiter joins the queue before the next one starts.
        REQUIRE(waitUntil([&] { return limiter.waiting() == static_cast<std::size_t>(i + 1); }));
    }
    held.reset();  // the slot passes down the queue, one waiter at a time
    for (auto& waiter : waiters) {
        waiter.join();
    }
    std::vector<int> expected(kWaiters);
    for (int i = 0; i < kWaiters; ++i) {
        expected[static_cast<std::size_t>(i)] = i;
    }
    CHECK(order == expected);
}

TEST_CASE("ConcurrencyLimiter: past the queue bound a request is refused at once") {
    ConcurrencyLimiter limiter(1, 2);
    CHECK(limiter.queueCapacity() == 2);
    auto held = limiter.acquire(0ms);
    REQUIRE(held.has_value());
    std::vector<std::thread> waiters;
    for (int i = 0; i < 2; ++i) {
        waiters.emplace_back([&] { (void)limiter.acquire(20000ms); });
    }
    REQUIRE(waitUntil([&] { return limiter.waiting() == 2; }));
    ConcurrencyLimiter::Refusal why = ConcurrencyLimiter::Refusal::None;
    // A long wait would be allowed, but the queue is full: refused without waiting at all.
    CHECK_FALSE(limiter.acquire(std::chrono::hours(1), &why).has_value());
    CHECK(why == ConcurrencyLimiter::Refusal::QueueFull);
    held.reset();
    for (auto& waiter : waiters) {
        waiter.join();
    }
}

TEST_CASE("ConcurrencyLimiter: close() refuses the waiters at once, and everyone after") {
    ConcurrencyLimiter limiter(1);
    auto held = limiter.acquire(0ms);
    REQUIRE(held.has_value());
    std::atomic<int> closedRefusals{0};
    std::vector<std::thread> waiters;
    for (int i = 0; i < 3; ++i) {
        waiters.emplace_back([&] {
            ConcurrencyLimiter::Refusal why = ConcurrencyLimiter::Refusal::None;
            if (!limiter.acquire(std::chrono::hours(1), &why) &&
                why == ConcurrencyLimiter::Refusal::Closed) {
                ++closedRefusals;
            }
        });
    }
    REQUIRE(waitUntil([&] { return limiter.waiting() == 3; }));
    limiter.close();
    for (auto& waiter : waiters) {
        waiter.join();  // an hour's wait each, ended by close()
    }
    CHECK(closedRefusals == 3);
    held.reset();
    ConcurrencyLimiter::Refusal why = ConcurrencyLimiter::Refusal::None;
    CHECK_FALSE(limiter.acquire(0ms, &why).has_value());
    CHECK(why == ConcurrencyLimiter::Refusal::Closed);
}

// Found by the load-and-fault run (tests/soak): a client that hung up while queued kept its
// place until a slot came free, so live requests were refused as if the queue were full.
TEST_CASE("ConcurrencyLimiter: an abandoned waiter gives its queue place back at once") {
    ConcurrencyLimiter limiter(1, 1);
    auto held = limiter.acquire(0ms);
    REQUIRE(held.has_value());
    std::atomic<bool> gone{false};
    ConcurrencyLimiter::Refusal abandonedWhy = ConcurrencyLimiter::Refusal::None;
    std::thread waiter([&] {
        (void)limiter.acquire(std::chrono::hours(1), &abandonedWhy, [&] { return gone.load(); });
    });
    REQUIRE(waitUntil([&] { return limiter.waiting() == 1; }));
    ConcurrencyLimiter::Refusal why = ConcurrencyLimiter::Refusal::None;
    CHECK_FALSE(limiter.acquire(std::chrono::hours(1), &why).has_value());
    CHECK(why == ConcurrencyLimiter::Refusal::QueueFull);

    gone = true;
    waiter.join();  // an hour's wait, ended by the next check of `abandoned`
    CHECK(abandonedWhy == ConcurrencyLimiter::Refusal::Abandoned);
    CHECK(limiter.waiting() == 0);
    CHECK(limiter.inUse() == 1);  // the held slot is untouched
    // The place is free again: the next request waits (and times out) instead of being refused.
    CHECK_FALSE(limiter.acquire(30ms, &why).has_value());
    CHECK(why == ConcurrencyLimiter::Refusal::TimedOut);
    held.reset();
    CHECK(limiter.acquire(0ms).has_value());
}

TEST_CASE("ConcurrencyLimiter: a waiter that is still wanted gets its slot as before") {
    ConcurrencyLimiter limiter(1);
    auto held = limiter.acquire(0ms);
    REQUIRE(held.has_value());
    std::atomic<int> asked{0};
    std::atomic<bool> got{false};
    std::thread waiter([&] {
        got = limiter
                  .acquire(20000ms, nullptr,
                           [&] {
                               ++asked;
                               return false;
                           })
                  .has_value();
    });
    REQUIRE(waitUntil([&] { return asked.load() >= 2; }));  // asked repeatedly while waiting
    held.reset();
    waiter.join();
    CHECK(got);
}
