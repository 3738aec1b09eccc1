#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "chat_run.hpp"
#include "cli/cli_invocation.hpp"
#include "cli/run_directory.hpp"
#include "openai/chat_request.hpp"
#include "support/child_process.hpp"

namespace claude_proxy::bench {

// Runs the claude CLI directly, the way claude-proxy runs a new process for one request: the
// argv and the environment come from the proxy's own cli::buildArgv and cli::buildEnvironment,
// the working directory from its cli::RunDirectory (under the same parent as the proxy's), and
// stdin gets the same control requests (system prompt, model) and the prompt from
// openai::buildTranscript. What is left is the
// proxy's own work, which is what the benchmark compares.
class BareCliRunner {
  public:
    // `parentEnvironment` ("NAME=value") is the environment the proxy itself runs with;
    // `patience` and `model` must match the proxy's settings and the requested model.
    BareCliRunner(std::string cliPath, const std::vector<std::string>& parentEnvironment,
                  cli::CliPatience patience, std::string model);

    // Not streamed to anyone: from spawn until the CLI exits with its result read.
    RunMeasurement runJson(const ChatPrompt& prompt, std::chrono::milliseconds timeout) const;
    // stream-json with partial messages: also the time until the first text_delta line.
    RunMeasurement runStream(const ChatPrompt& prompt, std::chrono::milliseconds timeout) const;

    // A whole conversation as one new CLI run gets it (the history flattened into one turn),
    // streamed: what a proxy that starts a CLI per request pays on every turn.
    RunMeasurement runConversation(const std::vector<openai::ChatMessage>& messages,
                                   const std::string& expectedReply,
                                   std::chrono::milliseconds timeout) const;

    // The argv and environment a run gets (for comparing with the proxy's children).
    std::vector<std::string> argv() const;
    std::vector<std::string> environment(const std::string& tmpDir) const;
    // Where run directories are made: the proxy's $TMPDIR (its default --work-dir), else /tmp.
    const std::string& runParent() const { return runParent_; }

  private:
    // One CLI run of `prompt` in `directory`, exactly as the proxy would spawn it.
    test_support::ChildSpec childSpec(const std::vector<openai::ChatMessage>& messages,
                                      const cli::RunDirectory& directory) const;

    cli::CliPatience patience() const;

    std::string cliPath_;
    std::map<std::string, std::string> parentEnvironment_;
    cli::CliPatience patience_;
    std::string model_;
    std::string runParent_;  // where the proxy makes its run directories: its $TMPDIR
};

}  // namespace claude_proxy::bench
