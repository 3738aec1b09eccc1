#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "cli/process_runner.hpp"
#include "cli/run_directory.hpp"

namespace claude_proxy::conversation {

using Clock = std::chrono::steady_clock;

// One CLI process that takes turns (cli::LiveProcess) with its private run directory. Started
// without a model or system prompt; `configured` once both were sent (control requests), after
// which it belongs to one conversation. Owned by one party at a time: the pool while idle, a
// request while it runs a turn.
// What a process's next turns are set to beyond its set-up; a new process has the CLI's
// defaults (both unset).
struct TurnSettings {
    std::optional<std::string> effort;
    std::optional<std::int64_t> maxTokens;
    bool operator==(const TurnSettings&) const = default;
};

// The CLI's own transcript of a process that persists its session (the disk tier,
// session_store.hpp): written by the CLI under the user's HOME, copied into the state
// directory after every finished turn, and removed with the session (after its process).
struct TranscriptFile {
    std::string sessionId;
    std::filesystem::path path;    // <CLI projects folder>/<cwd folder>/<sessionId>.jsonl
    std::filesystem::path source;  // the kept copy put there for --resume, or empty

    TranscriptFile() = default;
    TranscriptFile(const TranscriptFile&) = delete;
    TranscriptFile& operator=(const TranscriptFile&) = delete;
    ~TranscriptFile() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        if (!source.empty()) {
            std::filesystem::remove(source, ignored);
        }
    }
};

struct CliSession {
    std::unique_ptr<TranscriptFile> transcript;    // null without the disk tier; outlives
                                                   // the process: declared first
    std::unique_ptr<cli::RunDirectory> directory;  // outlives the process: declared first
    std::unique_ptr<cli::LiveProcess> process;
    bool configured = false;
    TurnSettings turnSettings;
    std::size_t turns = 0;
    Clock::time_point createdAt = Clock::now();
    Clock::time_point lastUsed = Clock::now();
    std::size_t residentBytes = 0;  // last measured, for the memory budget

    CliSession() = default;
    CliSession(const CliSession&) = delete;
    CliSession& operator=(const CliSession&) = delete;
    ~CliSession() = default;  // the process is SIGKILLed and reaped if still running
};

}  // namespace claude_proxy::conversation
