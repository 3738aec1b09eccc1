#include "support/claude_cli.hpp"

#include "support/test_environment.hpp"

namespace claude_proxy::test_support {
namespace {

ChildSpec cliSpec(const std::string& baseUrl, const CliRunOptions& options,
                  const ScratchDir& home) {
    ChildSpec spec;
    spec.argv = {requireClaudeCli(),
                 "-p",
                 "--output-format=" + options.outputFormat,
                 "--tools=",
                 "--setting-sources=",
                 "--strict-mcp-config",
                 "--no-session-persistence",
                 "--disable-slash-commands",
                 "--max-turns=1",
                 "--model=sonnet"};
    if (options.outputFormat == "stream-json") {
        spec.argv.emplace_back("--verbose");
    }
    if (!options.systemPromptFile.empty()) {
        spec.argv.push_back("--system-prompt-file=" + options.systemPromptFile);
    }
    spec.argv.insert(spec.argv.end(), options.extraArgs.begin(), options.extraArgs.end());
    const EnvList defaults = {
        {"PATH", getEnv("PATH", "/usr/local/bin:/usr/bin:/bin")},
        {"HOME", home.path()},
        {"TMPDIR", home.subdir("tmp")},
        {"ANTHROPIC_BASE_URL", baseUrl},
        {"ANTHROPIC_API_KEY", "sk-dummy"},
        {"DISABLE_AUTOUPDATER", "1"},
        {"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"},
    };
    spec.environment = buildEnvironment(defaults, options.extraEnv);
    spec.workingDirectory = home.subdir("work");
    spec.stdinData = options.prompt;
    return spec;
}

}  // namespace

ClaudeCliRun::ClaudeCliRun(const std::string& anthropicBaseUrl, const CliRunOptions& options)
    : child_(std::make_unique<ChildProcess>(cliSpec(anthropicBaseUrl, options, home_))) {}

ChildResult runClaudeCli(const std::string& anthropicBaseUrl, const CliRunOptions& options,
                         std::chrono::milliseconds timeout) {
    ClaudeCliRun run(anthropicBaseUrl, options);
    ChildResult result;
    result.status = run.process().waitForExit(timeout);
    if (!result.status) {
        run.process().stop(std::chrono::seconds(2));
    }
    result.stdoutText = run.process().stdoutText();
    result.stderrText = run.process().stderrText();
    return result;
}

}  // namespace claude_proxy::test_support
