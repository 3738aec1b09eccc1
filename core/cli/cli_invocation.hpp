#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace claude_proxy::cli {

enum class SystemPromptMode {
    Replace,  // --system-prompt-file: the model behaves like a plain API (default)
    Append,   // --append-system-prompt-file: keep Claude Code's own agent prompt
};

// Everything needed to build one CLI command line. No client text goes into argv: the system
// prompt travels in a file inside the run's private directory, the prompt on stdin.
struct InvocationOptions {
    std::string cliPath;           // absolute path of the `claude` executable
    std::string model;             // already validated by ModelCatalog::resolve
    std::string systemPromptFile;  // path of the file holding the system prompt
    SystemPromptMode systemPromptMode = SystemPromptMode::Replace;
    int maxTurns = 1;
    // The disk tier: the process keeps its transcript as this session (a UUID) instead of
    // --no-session-persistence; with `resumeId` as well, it starts from that stored session's
    // history (--resume, forked into `sessionId`, so the stored one stays as it was).
    std::string sessionId;
    std::string resumeId;
};

// argv (argv[0] = cliPath) with the lean isolation flags and stream-json both ways (the prompt
// goes on stdin as stream-json lines, stream_input.hpp; the events come back as stream-json):
// -p --input-format=stream-json --output-format=stream-json --verbose --include-partial-messages
// --tools= --setting-sources= --strict-mcp-config --no-session-persistence
// --disable-slash-commands (with a sessionId: --session-id=S instead of
// --no-session-persistence, and with a resumeId --resume=R --fork-session too) --max-turns=N
// --model=M --system-prompt-file=F. (--max-turns counts per turn: a live process gets N again for
// each user line.) Every value is attached with '=' so none can be read as a separate flag.
// maxTurns below 1 becomes 1; an empty model or systemPromptFile leaves that flag out. Never
// --bare.
std::vector<std::string> buildArgv(const InvocationOptions& options);

// How patient the CLI itself may be with a failing upstream (../shared/claude-cli.md §6).
struct CliPatience {
    int maxRetries = 2;                                  // CLAUDE_CODE_MAX_RETRIES (0..15)
    std::chrono::milliseconds apiTimeout{20000};         // API_TIMEOUT_MS, per attempt
    std::chrono::milliseconds streamIdleTimeout{30000};  // CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS
    bool disableNonStreamingFallback = false;  // CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK
};

// The child's environment, as "NAME=value" strings, built from an allowlist of the parent's:
// PATH, HOME, USER, LOGNAME, SHELL, LANG, LANGUAGE, LC_*, TZ, the proxy/CA variables
// (HTTP_PROXY, HTTPS_PROXY, NO_PROXY and lower-case forms, NODE_EXTRA_CA_CERTS, SSL_CERT_FILE,
// SSL_CERT_DIR), XDG_CONFIG_HOME, ANTHROPIC_* and CLAUDE_* except CLAUDECODE,
// CLAUDE_CODE_ENTRYPOINT and CLAUDE_CODE_SSE_PORT (set when the proxy itself runs inside Claude
// Code). Then TMPDIR is set to `tmpDir` (when not empty), the patience variables are set
// (overriding inherited ones; the fallback switch only when asked), and DISABLE_AUTOUPDATER=1,
// CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 are added. Sorted by name. Pure.
std::vector<std::string> buildEnvironment(const std::map<std::string, std::string>& parentEnv,
                                          const CliPatience& patience, const std::string& tmpDir);

}  // namespace claude_proxy::cli
