#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/child_process.hpp"

namespace claude_proxy::test_support {

// A server binary run for one test: spawned in its own process group with stdout and stderr
// merged into one buffer, and considered ready once it prints
// "listening on http://127.0.0.1:<port>". The destructor sends SIGTERM, waits (bounded), then
// SIGKILLs the group and reaps it.
class SpawnedServer {
  public:
    // argv[0] is the binary. Throws std::runtime_error (with the output so far) when the
    // server does not announce its port within `startTimeout` or exits first.
    SpawnedServer(std::vector<std::string> argv, std::vector<std::string> environment,
                  std::chrono::milliseconds startTimeout = std::chrono::seconds(20),
                  std::string workingDirectory = "");

    int port() const { return port_; }
    pid_t pid() const { return child_->pid(); }
    std::string output() const { return child_->stdoutText(); }

    bool waitForOutput(std::string_view needle,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
        return child_->waitForOutput(needle, timeout);
    }
    bool sendSignal(int signal) const { return child_->sendSignal(signal); }
    std::optional<ExitStatus> waitForExit(std::chrono::milliseconds timeout) {
        return child_->waitForExit(timeout);
    }
    bool running() { return child_->running(); }

    ChildProcess& process() { return *child_; }

  private:
    std::unique_ptr<ChildProcess> child_;
    int port_ = 0;
};

}  // namespace claude_proxy::test_support
