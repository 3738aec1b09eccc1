#include "http/server/worker_pool.hpp"

#include <spdlog/spdlog.h>

namespace claude_proxy::http::server {

WorkerPool::WorkerPool(std::string name, std::size_t threads, std::size_t maxQueued)
    : name_(std::move(name)), maxQueued_(maxQueued) {
    running_ = threads;
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        threads_.emplace_back([this] { run(); });
    }
}

WorkerPool::~WorkerPool() {
    stop(std::chrono::milliseconds::max());
    for (auto& thread : threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
}

bool WorkerPool::submit(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || tasks_.size() >= maxQueued_) {
            return false;
        }
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
    return true;
}

bool WorkerPool::stop(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
    const auto allEnded = [this] { return running_ == 0; };
    if (limit == std::chrono::milliseconds::max()) {
        ended_.wait(lock, allEnded);
        return true;
    }
    return ended_.wait_for(lock, limit, allEnded);
}

std::size_t WorkerPool::busy() const {
    std::lock_guard lock(mutex_);
    return busy_;
}

std::size_t WorkerPool::queued() const {
    std::lock_guard lock(mutex_);
    return tasks_.size();
}

void WorkerPool::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) {
            break;  // stopping, and nothing left to do
        }
        auto task = std::move(tasks_.front());
        tasks_.pop_front();
        ++busy_;
        lock.unlock();
        try {
            task();
        } catch (const std::exception& error) {
            spdlog::error("{} worker: task failed: {}", name_, error.what());
        } catch (...) {
            spdlog::error("{} worker: task failed with a non-standard exception", name_);
        }
        lock.lock();
        --busy_;
    }
    --running_;
    ended_.notify_all();
}

}  // namespace claude_proxy::http::server
