#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/env_list.hpp"
#include "support/scratch_dir.hpp"
#include "support/spawned_server.hpp"

namespace claude_proxy::test_support {

class MockAnthropic;

struct ProxyOptions {
    std::vector<std::string> extraArgs{};  // after "--host 127.0.0.1 --port 0"
    EnvList extraEnv{};                    // added last; same name overrides a default
    std::string cliPath{};                 // empty: requireClaudeCli()
    std::chrono::milliseconds startTimeout{std::chrono::seconds(20)};
};

// The claude-proxy binary under test, started on a free loopback port and pointed at a mock
// Anthropic API. Environment: PATH, HOME=<scratch dir owned by this object>,
// TMPDIR=<HOME>/tmp (the CLI leaves files in $TMPDIR on every run), ANTHROPIC_BASE_URL,
// ANTHROPIC_API_KEY=sk-dummy, CLAUDE_PROXY_CLAUDE_BIN=<pinned CLI>,
// CLAUDE_PROXY_CLI_MAX_RETRIES=0, CLAUDE_PROXY_LIVE_CONVERSATIONS=0,
// CLAUDE_PROXY_SPARE_PROCESSES=0, CLAUDE_PROXY_RESUME_SESSIONS=false, DISABLE_AUTOUPDATER=1,
// CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1, then ProxyOptions::extraEnv.
class ProxyProcess {
  public:
    explicit ProxyProcess(const MockAnthropic& mock, ProxyOptions options = {});
    ProxyProcess(const std::string& anthropicBaseUrl, ProxyOptions options = {});

    int port() const { return server_->port(); }
    pid_t pid() const { return server_->pid(); }
    std::string output() const { return server_->output(); }
    const ScratchDir& home() const { return home_; }
    const std::vector<std::string>& environment() const { return environment_; }

    bool waitForOutput(std::string_view needle,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
        return server_->waitForOutput(needle, timeout);
    }
    bool sendSignal(int signal) const { return server_->sendSignal(signal); }
    std::optional<ExitStatus> waitForExit(std::chrono::milliseconds timeout) {
        return server_->waitForExit(timeout);
    }
    SpawnedServer& process() { return *server_; }

  private:
    ScratchDir home_{"claude-proxy-home"};  // declared first: outlives the server
    std::vector<std::string> environment_;
    std::unique_ptr<SpawnedServer> server_;
};

}  // namespace claude_proxy::test_support
