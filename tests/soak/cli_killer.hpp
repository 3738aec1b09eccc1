#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "pid_handle.hpp"

namespace claude_proxy::test_support {
class MockAnthropic;
}

namespace claude_proxy::soak {

// Finds the CLI process that serves one request, and SIGKILLs it when told to. The request
// carries `tag` in its prompt. Once the mock has logged an unfinished upstream request whose
// body holds the tag, the proxy's child holding the client end of that connection (its local
// port is the request's peer_port) is the CLI serving it: nothing in the CLI's argv tells the
// processes apart any more, and a process may serve several requests in its life.
class CliKiller {
  public:
    using Clock = std::chrono::steady_clock;

    CliKiller(const test_support::MockAnthropic& mock, pid_t proxy, std::string tag);

    // Looks for the CLI, asking the mock at most every 100 ms; true once it is found (and
    // still holds that connection, as far as the last look went).
    bool find();
    // When find() last succeeded.
    Clock::time_point foundAt() const { return foundAt_; }

    // SIGKILLs the CLI found, after checking that it still holds the upstream connection: the
    // signal goes through a pidfd taken when it was found, so it reaches that very process or
    // none. True when sent; when not (the connection or the process ended meanwhile), the
    // search starts over.
    bool kill();

    bool killed() const { return killed_; }
    // Why nothing was killed, for the report: the last thing that went wrong.
    const std::string& whyNot() const { return whyNot_; }

  private:
    struct Target {
        PidHandle handle;
        std::uint64_t inode = 0;  // the CLI's end of the upstream connection
    };

    std::optional<Target> locate();

    const test_support::MockAnthropic& mock_;
    pid_t proxy_;
    std::string tag_;
    std::optional<Target> target_;
    Clock::time_point foundAt_{};
    Clock::time_point lastAsked_{};
    bool killed_ = false;
    std::string whyNot_;
};

}  // namespace claude_proxy::soak
