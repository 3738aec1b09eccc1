#include "cli_killer.hpp"

#include <csignal>
#include <exception>
#include <utility>

#include "support/mock_anthropic.hpp"
#include "support/process_census.hpp"
#include "support/socket_census.hpp"

namespace claude_proxy::soak {
namespace {

constexpr std::chrono::milliseconds kAskEvery{100};

}  // namespace

CliKiller::CliKiller(const test_support::MockAnthropic& mock, pid_t proxy, std::string tag)
    : mock_(mock), proxy_(proxy), tag_(std::move(tag)), whyNot_("the mock was never asked") {}

std::optional<CliKiller::Target> CliKiller::locate() {
    std::vector<test_support::RecordedRequest> logged;
    try {
        logged = mock_.requests(tag_);
    } catch (const std::exception& error) {
        whyNot_ = std::string("the mock's log could not be read: ") + error.what();
        return std::nullopt;
    }
    if (logged.empty()) {
        whyNot_ = "no upstream request with " + tag_ + " was logged by the mock";
        return std::nullopt;
    }
    // The newest first: after a retry on a new connection, that one is the live one.
    for (auto it = logged.rbegin(); it != logged.rend(); ++it) {
        if (it->finished || it->peerPort == 0) {
            whyNot_ =
                "upstream request " + std::to_string(it->id) + " ended before its CLI was found";
            continue;
        }
        const auto owner = test_support::ownerOfConnection(test_support::childrenOf(proxy_),
                                                           it->peerPort, mock_.port());
        if (!owner) {
            whyNot_ = "no child of the proxy holds the connection from port " +
                      std::to_string(it->peerPort) + " of upstream request " +
                      std::to_string(it->id);
            continue;
        }
        auto handle = PidHandle::open(owner->pid);
        // Checked again with the pidfd open: if the pid still holds the socket now, the pidfd
        // is that process and not one that took its pid since.
        if (!handle || !test_support::holdsSocket(owner->pid, owner->inode)) {
            whyNot_ = "the CLI (pid " + std::to_string(owner->pid) + ") ended as it was found";
            continue;
        }
        return Target{std::move(*handle), owner->inode};
    }
    return std::nullopt;
}

bool CliKiller::find() {
    if (target_) {
        return true;
    }
    const auto now = Clock::now();
    if (now - lastAsked_ < kAskEvery) {
        return false;
    }
    lastAsked_ = now;
    target_ = locate();
    foundAt_ = Clock::now();
    return target_.has_value();
}

bool CliKiller::kill() {
    if (killed_ || !target_) {
        return killed_;
    }
    const pid_t pid = target_->handle.pid();
    if (test_support::holdsSocket(pid, target_->inode) && target_->handle.signal(SIGKILL)) {
        killed_ = true;
        whyNot_.clear();
        return true;
    }
    whyNot_ = "the CLI (pid " + std::to_string(pid) +
              ") had closed its upstream connection before the kill";
    target_.reset();
    return false;
}

}  // namespace claude_proxy::soak
