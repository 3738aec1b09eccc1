#include "support/proxy_process.hpp"

#include "support/mock_anthropic.hpp"
#include "support/test_environment.hpp"

namespace claude_proxy::test_support {

ProxyProcess::ProxyProcess(const MockAnthropic& mock, ProxyOptions options)
    : ProxyProcess(mock.baseUrl(), std::move(options)) {}

ProxyProcess::ProxyProcess(const std::string& anthropicBaseUrl, ProxyOptions options) {
    const std::string cli = options.cliPath.empty() ? requireClaudeCli() : options.cliPath;
    const EnvList defaults = {
        {"PATH", getEnv("PATH", "/usr/local/bin:/usr/bin:/bin")},
        {"HOME", home_.path()},
        {"TMPDIR", home_.subdir("tmp")},
        {"ANTHROPIC_BASE_URL", anthropicBaseUrl},
        {"ANTHROPIC_API_KEY", "sk-dummy"},
        {"CLAUDE_PROXY_CLAUDE_BIN", cli},
        {"CLAUDE_PROXY_CLI_MAX_RETRIES", "0"},
        // Tests count the CLI processes of a request: nothing is kept or started ahead unless
        // a test asks for it (flags beat these).
        {"CLAUDE_PROXY_LIVE_CONVERSATIONS", "0"},
        {"CLAUDE_PROXY_SPARE_PROCESSES", "0"},
        {"CLAUDE_PROXY_RESUME_SESSIONS", "false"},
        {"DISABLE_AUTOUPDATER", "1"},
        {"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"},
    };
    environment_ = buildEnvironment(defaults, options.extraEnv);

    std::vector<std::string> argv = {proxyBinaryPath(), "--host", "127.0.0.1", "--port", "0"};
    argv.insert(argv.end(), options.extraArgs.begin(), options.extraArgs.end());
    server_ = std::make_unique<SpawnedServer>(std::move(argv), environment_, options.startTimeout,
                                              home_.path());
}

}  // namespace claude_proxy::test_support
