#pragma once

#include <atomic>
#include <cstddef>

namespace claude_proxy::http {

// Shared, mutable facts about the server as a whole: how many requests are being handled and
// whether it is draining for shutdown. Atomics only; safe from any thread.
class ServerLifecycle {
  public:
    // Counts a request as active for the lifetime of the guard.
    class ActiveRequest {
      public:
        explicit ActiveRequest(ServerLifecycle& lifecycle) : lifecycle_(lifecycle) {
            ++lifecycle_.active_;
        }
        ~ActiveRequest() { --lifecycle_.active_; }
        ActiveRequest(const ActiveRequest&) = delete;
        ActiveRequest& operator=(const ActiveRequest&) = delete;

      private:
        ServerLifecycle& lifecycle_;
    };

    std::size_t activeRequests() const { return active_.load(); }
    void startDraining() { draining_.store(true); }
    bool draining() const { return draining_.load(); }

  private:
    std::atomic<std::size_t> active_{0};
    std::atomic<bool> draining_{false};
};

}  // namespace claude_proxy::http
