#include "pid_handle.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <utility>

namespace claude_proxy::soak {

std::optional<PidHandle> PidHandle::open(pid_t pid) {
    const long fd = ::syscall(SYS_pidfd_open, pid, 0);
    if (fd < 0) {
        return std::nullopt;
    }
    return PidHandle(static_cast<int>(fd), pid);
}

PidHandle::~PidHandle() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

PidHandle::PidHandle(PidHandle&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), pid_(other.pid_) {}

PidHandle& PidHandle::operator=(PidHandle&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
        pid_ = other.pid_;
    }
    return *this;
}

bool PidHandle::signal(int signal) const {
    return fd_ >= 0 && ::syscall(SYS_pidfd_send_signal, fd_, signal, nullptr, 0) == 0;
}

}  // namespace claude_proxy::soak
