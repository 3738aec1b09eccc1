#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/cli_invocation.hpp"

namespace claude_proxy::app {

enum class LogFormat { Text, Json };

// Everything the server can be told at start-up. Built once, read-only afterwards.
struct Settings {
    std::string host = "127.0.0.1";
    int port = 8088;
    std::string claudeBin = "claude";
    std::string defaultModel = "sonnet";
    std::map<std::string, std::string> modelAliases;  // public id -> CLI model
    std::vector<std::string> extraModels;
    std::size_t maxConcurrency = 4;  // 0 = unlimited
    std::size_t maxQueue = 32;       // requests that may wait for a CLI slot; more: 429 at once
    std::chrono::milliseconds queueTimeout{30000};
    std::chrono::milliseconds requestTimeout{600000};
    std::chrono::milliseconds killGrace{2000};
    std::chrono::milliseconds shutdownGrace{30000};
    std::chrono::milliseconds keepAliveInterval{5000};
    std::size_t maxBodyBytes = 8 * 1024 * 1024;
    std::size_t liveConversations = 8;  // idle conversations kept with their CLI process
    std::chrono::milliseconds liveIdleTimeout{600000};
    std::size_t spareProcesses = 1;  // CLI processes started ahead for new conversations
    std::chrono::milliseconds spareMaxAge{1800000};
    std::size_t processMemoryBudgetMb = 1536;  // RSS of all idle (live and spare) processes
    bool resumeSessions = true;  // the disk tier: kept transcripts resumed with --resume
    std::string stateDir;        // the proxy's private state; empty: defaultStateDir()
    std::size_t resumeMaxSessions = 500;
    std::size_t resumeMaxMb = 256;
    std::chrono::hours resumeMaxAge{168};
    std::size_t storedResponses = 256;  // Responses API answers kept for previous_response_id
    std::size_t storedResponsesMb = 64;
    std::chrono::minutes storedResponseMaxAge{60};
    cli::CliPatience cliPatience;
    cli::SystemPromptMode systemPromptMode = cli::SystemPromptMode::Replace;
    std::string workDir;  // parent of the per-run private directories; empty = $TMPDIR or /tmp
    std::vector<std::string> pluginDirs;  // empty: the defaults (next to the binary, build tree)
    std::string defaultToolCallModule = "generic";
    int refusalRetries = 1;
    bool showReasoning = true;
    bool fetchRemoteImages = false;                        // http(s) image URLs fetched (else 400)
    std::vector<std::string> fetchRemoteImagesAllowHosts;  // exempt from the address rules
    std::chrono::milliseconds fetchRemoteImagesTimeout{10000};
    std::string logLevel = "info";
    LogFormat logFormat = LogFormat::Text;
    bool logPrompts = false;
    int serverThreads = 64;
    std::size_t maxConnections = 1024;
    std::size_t maxConnectionsPerClient = 256;
    std::chrono::milliseconds requestReadTimeout{30000};  // head and body of one request
    std::chrono::milliseconds keepAliveTimeout{15000};    // idle connection between requests
    std::vector<std::string> apiKeys;  // from api-keys; api-key-file adds more at start-up
    std::string apiKeyFile;            // empty: none
    bool allowUnauthenticated = false;
    std::vector<std::string> corsOrigins;   // empty: CORS off; "*": any origin
    std::vector<std::string> allowedHosts;  // Host names accepted without API keys (lower case)
};

// A bad value; the message is one line naming the option and what it accepts.
class SettingsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// One configurable option: its key (the command-line flag without "--" and the config file
// key), the environment variable, the default shown in --help, and a one-line description.
// A switch is a true/false option whose flag may be given without a value ("--name" = true).
struct OptionInfo {
    std::string key;
    std::string envVar;
    std::string defaultValue;
    std::string description;
    bool isSwitch = false;
};

// One value read from a configuration file, with its line for error messages.
struct FileValue {
    std::string value;
    int line = 0;
};

// The values of one configuration file by key. `name` is the file as messages show it; an
// empty FileValues stands for "no file".
struct FileValues {
    std::string name;
    std::map<std::string, FileValue> values;
};

// The table of options, in --help order.
const std::vector<OptionInfo>& optionTable();

// The option with this key, or nullptr.
const OptionInfo* findOption(const std::string& key);

// Builds Settings from defaults, then the configuration `file`, then `environment`
// (CLAUDE_PROXY_* variables), then `flags` (key -> value as given on the command line); later
// sources win. Throws SettingsError for an unknown key or a value that does not parse or is out
// of range; a file value's error starts with "<file>:<line>: ". Pure.
// Where the proxy keeps its private state: `configured` when set, else
// $XDG_STATE_HOME/claude-proxy, else $HOME/.local/state/claude-proxy; "" without any of them.
// Pure.
std::string stateDirectory(const std::string& configured,
                           const std::map<std::string, std::string>& environment);

Settings loadSettings(const std::map<std::string, std::string>& environment,
                      const std::map<std::string, std::string>& flags, const FileValues& file = {});

}  // namespace claude_proxy::app
