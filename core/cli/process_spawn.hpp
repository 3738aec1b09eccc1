#pragma once

#include <chrono>
#include <utility>

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli/process_runner.hpp"

// The system-call end of the process runner: owned descriptors, close-on-exec pipes, the spawn
// itself (posix_spawn, own process group, default signals, descriptors >= 3 closed), pidfds,
// and deadline arithmetic. Internal to core/cli.
namespace claude_proxy::cli::spawn {

using Clock = std::chrono::steady_clock;

// Owns one file descriptor; closes it on every path.
class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    void reset() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }

  private:
    int fd_ = -1;
};

// Writing to a pipe whose reader has gone raises SIGPIPE, whose default action would end the
// whole server. Instead of changing the process-wide disposition, the running thread blocks
// SIGPIPE while it talks to a child and discards the one an EPIPE write raised (it is directed
// at this thread), then restores its mask. The child gets an empty mask through posix_spawn.
class SigpipeBlock {
  public:
    SigpipeBlock();
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;
    ~SigpipeBlock();
    void discardPending();

  private:
    sigset_t pipeOnly_{};
    sigset_t previous_{};
};

// A close-on-exec pipe with both ends above the standard streams; returns 0 or an errno value.
int makePipe(UniqueFd& readEnd, UniqueFd& writeEnd);

// O_NONBLOCK on `fd`; 0 or an errno value.
int setNonBlocking(int fd);

// A pidfd for `pid`, or -1 (kernel < 5.3).
int openPidfd(pid_t pid);

// Starts the child with the three pipe ends as its standard streams, in a new process group.
// Returns 0 or an errno value.
int spawnChild(const ProcessSpec& spec, int stdinFd, int stdoutFd, int stderrFd, pid_t& pid);

// `from + delta` without overflowing for huge limits (milliseconds::max() means "never").
Clock::time_point later(Clock::time_point from, std::chrono::milliseconds delta);

// Milliseconds for poll(2) from `now` until `wakeAt` (-1: no limit).
int pollTimeoutMs(Clock::time_point now, Clock::time_point wakeAt);

}  // namespace claude_proxy::cli::spawn
