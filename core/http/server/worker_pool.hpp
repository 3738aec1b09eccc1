#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace claude_proxy::http::server {

// A fixed number of threads taking tasks from one queue, first come first served. The queue is
// bounded: submit() refuses a task rather than let work pile up without limit. Thread-safe.
class WorkerPool {
  public:
    WorkerPool(std::string name, std::size_t threads, std::size_t maxQueued);
    ~WorkerPool();  // stop() and join
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // False when the queue is full or the pool is stopping; the task is then not run.
    bool submit(std::function<void()> task);

    // No new tasks; queued ones still run; waits for the threads to finish, at most `limit`.
    // Returns true when every thread has ended (then the pool can be destroyed at once).
    bool stop(std::chrono::milliseconds limit);

    std::size_t busy() const;
    std::size_t queued() const;
    std::size_t threads() const { return threads_.size(); }

  private:
    void run();

    std::string name_;
    std::size_t maxQueued_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable ended_;
    std::deque<std::function<void()>> tasks_;
    std::size_t busy_ = 0;
    std::size_t running_ = 0;  // threads that have not returned yet
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace claude_proxy::http::server
