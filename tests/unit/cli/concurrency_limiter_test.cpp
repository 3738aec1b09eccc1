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
