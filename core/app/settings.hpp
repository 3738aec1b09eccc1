#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/cli_invocation.hpp"

namespace claude_proxy::app {

// Everything the server can be told at start-up. Built once, read-only afterwards.
struct Settings {
    std::string host = "127.0.0.1";
    int port = 8088;
    std::string claudeBin = "claude";
    std::string defaultModel = "sonnet";
    std::map<std::string, std::string> modelAliases;  // public id -> CLI model
    std::vector<std::string> extraModels;
    std::size_t maxConcurrency = 4;  // 0 = unlimited
    std::chrono::milliseconds queueTimeout{30000};
    std::chrono::milliseconds requestTimeout{600000};
    std::chrono::milliseconds killGrace{2000};
    std::chrono::milliseconds keepAliveInterval{5000};
    std::size_t maxBodyBytes = 8 * 1024 * 1024;
    cli::CliPatience cliPatience;
    cli::SystemPromptMode systemPromptMode = cli::SystemPromptMode::Replace;
    std::string workDir;  // parent of the per-run private directories; empty = $TMPDIR or /tmp
    std::vector<std::string> pluginDirs;  // empty: the defaults (next to the binary, build tree)
    std::string defaultToolCallModule = "generic";
    int refusalRetries = 1;
    std::string logLevel = "info";
    bool logPrompts = false;
    int serverThreads = 64;
};

// A bad value; the message is one line naming the option and what it accepts.
class SettingsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// One configurable option: its key (also the command-line flag without "--"), the environment
// variable, the default shown in --help, and a one-line description.
struct OptionInfo {
    std::string key;
    std::string envVar;
    std::string defaultValue;
    std::string description;
};

// The table of options, in --help order.
const std::vector<OptionInfo>& optionTable();

// Builds Settings from defaults, then `environment` (CLAUDE_PROXY_* variables), then `flags`
// (key -> value as given on the command line); later sources win. Throws SettingsError for a
// value that does not parse or is out of range. Pure.
Settings loadSettings(const std::map<std::string, std::string>& environment,
                      const std::map<std::string, std::string>& flags);

}  // namespace claude_proxy::app
