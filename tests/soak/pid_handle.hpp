#pragma once

#include <sys/types.h>

#include <optional>

namespace claude_proxy::soak {

// A pidfd: refers to one process for good, so a signal sent through it can never reach
// another process that got the same pid after that one ended.
class PidHandle {
  public:
    // nullopt when `pid` is gone (or pidfds are not available).
    static std::optional<PidHandle> open(pid_t pid);
    ~PidHandle();
    PidHandle(PidHandle&& other) noexcept;
    PidHandle& operator=(PidHandle&& other) noexcept;
    PidHandle(const PidHandle&) = delete;
    PidHandle& operator=(const PidHandle&) = delete;

    pid_t pid() const { return pid_; }
    // True when `signal` reached the process (0: only whether it still exists, unreaped).
    bool signal(int signal) const;

  private:
    PidHandle(int fd, pid_t pid) : fd_(fd), pid_(pid) {}
    int fd_ = -1;
    pid_t pid_ = 0;
};

}  // namespace claude_proxy::soak
