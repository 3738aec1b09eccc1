#include "concurrent_load.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

namespace claude_proxy::bench {
namespace {

constexpr std::size_t kFailuresKept = 5;

}  // namespace

LoadResult runConcurrently(int jobs, int workers, const Job& job) {
    LoadResult result;
    std::mutex mutex;
    std::atomic<int> next{0};
    const auto worker = [&] {
        for (int index = next++; index < jobs; index = next++) {
            std::string error;
            bool ok = false;
            try {
                ok = job(error);
            } catch (const std::exception& exception) {
                error = exception.what();
            }
            std::lock_guard lock(mutex);
            if (ok) {
                ++result.completed;
            } else {
                ++result.failed;
                if (result.failures.size() < kFailuresKept) {
                    result.failures.push_back(error);
                }
            }
        }
    };

    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    const int count = std::clamp(workers, 1, std::max(jobs, 1));
    threads.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        threads.emplace_back(worker);
    }
    for (auto& thread : threads) {
        thread.join();
    }
    result.wallMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace claude_proxy::bench
