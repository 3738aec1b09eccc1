#pragma once

#include <string>

namespace claude_proxy::test_support {

// Where the binaries under test live. The build fills these in (see CMakeLists.txt).
std::string proxyBinaryPath();  // the claude-proxy executable
std::string mockBinaryPath();   // the mock-anthropic executable
std::string sourceDir();        // the repository root

// The pinned version of @anthropic-ai/claude-code (tests/claude-cli-version).
std::string pinnedCliVersion();

// The real claude CLI for integration tests: $CLAUDE_PROXY_TEST_CLI when set, otherwise the
// copy packaging/install-test-cli.sh installs,
// <repo>/.deps/claude-cli/node_modules/.bin/claude.
std::string claudeCliPath();

// True when claudeCliPath() names an executable file.
bool claudeCliAvailable();

// claudeCliPath(), or throws std::runtime_error saying how to install the pinned CLI.
std::string requireClaudeCli();

}  // namespace claude_proxy::test_support
