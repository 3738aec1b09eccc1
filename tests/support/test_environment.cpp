#include "support/test_environment.hpp"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace claude_proxy::test_support {

std::string proxyBinaryPath() {
    return CLAUDE_PROXY_TEST_PROXY_BIN;
}

std::string mockBinaryPath() {
    return CLAUDE_PROXY_TEST_MOCK_BIN;
}

std::string sourceDir() {
    return CLAUDE_PROXY_TEST_SOURCE_DIR;
}

std::string pinnedCliVersion() {
    return CLAUDE_PROXY_TEST_CLI_VERSION;
}

std::string claudeCliPath() {
    const char* fromEnv = std::getenv("CLAUDE_PROXY_TEST_CLI");
    if (fromEnv != nullptr && *fromEnv != '\0') {
        return fromEnv;
    }
    return CLAUDE_PROXY_TEST_DEFAULT_CLI;
}

bool claudeCliAvailable() {
    return ::access(claudeCliPath().c_str(), X_OK) == 0;
}

std::string requireClaudeCli() {
    const std::string path = claudeCliPath();
    if (::access(path.c_str(), X_OK) != 0) {
        throw std::runtime_error(
            "the real claude CLI is not installed at " + path +
            ". Integration tests need @anthropic-ai/claude-code@" + pinnedCliVersion() +
            " (tests/claude-cli-version). Install it with packaging/install-test-cli.sh "
            "(packaging/test.sh, the README's test command, runs it), or point "
            "CLAUDE_PROXY_TEST_CLI at an installed claude binary.");
    }
    return path;
}

}  // namespace claude_proxy::test_support
