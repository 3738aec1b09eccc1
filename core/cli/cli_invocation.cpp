#include "cli/cli_invocation.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace claude_proxy::cli {

namespace {

// The CLI clamps CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS to this range; staying inside it keeps the
// value we send equal to the value in force.
constexpr long long kMinStreamIdleMs = 10000;
constexpr long long kMaxStreamIdleMs = 1800000;
constexpr int kMaxRetriesCeiling = 15;

// Parent variables passed through by exact name.
constexpr std::array<std::string_view, 18> kAllowedNames = {
    "PATH",          "HOME",         "USER",
    "LOGNAME",       "SHELL",        "LANG",
    "LANGUAGE",      "TZ",           "HTTP_PROXY",
    "HTTPS_PROXY",   "NO_PROXY",     "http_proxy",
    "https_proxy",   "no_proxy",     "NODE_EXTRA_CA_CERTS",
    "SSL_CERT_FILE", "SSL_CERT_DIR", "XDG_CONFIG_HOME",
};

// Parent variables passed through by prefix.
constexpr std::array<std::string_view, 3> kAllowedPrefixes = {"LC_", "ANTHROPIC_", "CLAUDE_"};

// Variables never inherited even though a prefix would admit them. CLAUDECODE marks "running
// inside Claude Code" and the ENTRYPOINT/SSE_PORT pair would tie the child to an IDE session of
// the user running the proxy; the patience and fallback variables are always decided by us.
constexpr std::array<std::string_view, 6> kDeniedNames = {
    "CLAUDECODE",
    "CLAUDE_CODE_MAX_RETRIES",
    "CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS",
    "CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK",
    "CLAUDE_CODE_ENTRYPOINT",
    "CLAUDE_CODE_SSE_PORT",
};

bool isAllowed(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    if (std::find(kDeniedNames.begin(), kDeniedNames.end(), name) != kDeniedNames.end()) {
        return false;
    }
    if (std::find(kAllowedNames.begin(), kAllowedNames.end(), name) != kAllowedNames.end()) {
        return true;
    }
    return std::any_of(kAllowedPrefixes.begin(), kAllowedPrefixes.end(),
                       [name](std::string_view prefix) { return name.starts_with(prefix); });
}

}  // namespace

std::vector<std::string> buildArgv(const InvocationOptions& options) {
    std::vector<std::string> argv;
    argv.reserve(16);
    argv.push_back(options.cliPath);
    argv.emplace_back("-p");
    argv.emplace_back("--input-format=stream-json");
    argv.emplace_back("--output-format=stream-json");
    argv.emplace_back("--verbose");
    argv.emplace_back("--include-partial-messages");
    // --tools takes several values: the '=' form keeps it from swallowing anything after it.
    argv.emplace_back("--tools=");
    argv.emplace_back("--setting-sources=");
    argv.emplace_back("--strict-mcp-config");
    if (options.sessionId.empty()) {
        argv.emplace_back("--no-session-persistence");
    } else {
        argv.push_back("--session-id=" + options.sessionId);
        if (!options.resumeId.empty()) {
            argv.push_back("--resume=" + options.resumeId);
            argv.emplace_back("--fork-session");
        }
    }
    argv.emplace_back("--disable-slash-commands");
    argv.push_back("--max-turns=" + std::to_string(std::max(1, options.maxTurns)));
    if (!options.model.empty()) {
        argv.push_back("--model=" + options.model);
    }
    if (!options.systemPromptFile.empty()) {
        const char* flag = options.systemPromptMode == SystemPromptMode::Append
                               ? "--append-system-prompt-file="
                               : "--system-prompt-file=";
        argv.push_back(flag + options.systemPromptFile);
    }
    return argv;
}

std::vector<std::string> buildEnvironment(const std::map<std::string, std::string>& parentEnv,
                                          const CliPatience& patience, const std::string& tmpDir) {
    std::map<std::string, std::string> env;
    for (const auto& [name, value] : parentEnv) {
        if (isAllowed(name) && name.find('=') == std::string::npos) {
            env[name] = value;
        }
    }

    if (!tmpDir.empty()) {
        env["TMPDIR"] = tmpDir;
    }

    const int retries = std::clamp(patience.maxRetries, 0, kMaxRetriesCeiling);
    env["CLAUDE_CODE_MAX_RETRIES"] = std::to_string(retries);

    const long long apiTimeoutMs = std::max<long long>(1, patience.apiTimeout.count());
    env["API_TIMEOUT_MS"] = std::to_string(apiTimeoutMs);

    const long long idleMs = std::clamp<long long>(patience.streamIdleTimeout.count(),
                                                   kMinStreamIdleMs, kMaxStreamIdleMs);
    env["CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS"] = std::to_string(idleMs);

    if (patience.disableNonStreamingFallback) {
        env["CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK"] = "1";
    }

    env["DISABLE_AUTOUPDATER"] = "1";
    env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";

    std::vector<std::string> out;
    out.reserve(env.size());
    for (const auto& [name, value] : env) {
        out.push_back(name + "=" + value);
    }
    return out;
}

}  // namespace claude_proxy::cli
