#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/env_list.hpp"
#include "support/scratch_dir.hpp"

namespace claude_proxy::test_support {

// A direct run of the real claude CLI against the mock, with the lean flags a proxy uses:
// -p --tools= --setting-sources= --strict-mcp-config --no-session-persistence
// --disable-slash-commands --max-turns=1 --model=sonnet --output-format=<format>.
struct CliRunOptions {
    std::string prompt{};               // fed on stdin
    std::string outputFormat = "json";  // "json", "text" or "stream-json" (adds --verbose)
    std::string systemPromptFile{};     // --system-prompt-file=<path> when set
    std::vector<std::string> extraArgs{};
    EnvList extraEnv{};  // e.g. {"CLAUDE_CODE_MAX_RETRIES", "0"}
};

// The CLI as a running child: its own scratch HOME (also the working directory and TMPDIR),
// stdout and stderr kept apart.
class ClaudeCliRun {
  public:
    ClaudeCliRun(const std::string& anthropicBaseUrl, const CliRunOptions& options);

    ChildProcess& process() { return *child_; }
    const ScratchDir& home() const { return home_; }

  private:
    ScratchDir home_{"claude-cli-home"};
    std::unique_ptr<ChildProcess> child_;
};

// Runs the CLI to its end (killed after `timeout`).
ChildResult runClaudeCli(const std::string& anthropicBaseUrl, const CliRunOptions& options,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace claude_proxy::test_support
