#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conversation/fingerprint.hpp"

// The second tier of live conversations: the CLI's own transcripts of finished turns, kept in
// the proxy's private state directory under the digest of the conversation they hold, so that
// a conversation whose process is gone can be continued with `claude --resume`.
namespace claude_proxy::conversation {

using WallClock = std::chrono::system_clock;

struct StoreLimits {
    std::size_t maxSessions = 500;                         // transcripts kept; oldest go first
    std::uint64_t maxBytes = std::uint64_t{256} << 20;     // their total size
    std::chrono::seconds maxAge{std::chrono::hours(168)};  // since the turn that wrote it
};

// One kept transcript.
struct StoredSession {
    Digest digest;          // the conversation (fingerprint.hpp) it holds, reply included
    std::string sessionId;  // the CLI's session id, a UUID
    std::uint64_t bytes = 0;
    WallClock::time_point savedAt;
};

// "<digest as 64 hex digits>.<session id>.jsonl": the name of a kept transcript. Pure.
std::string storedFileName(const Digest& digest, const std::string& sessionId);
// The digest and session id of a kept transcript's name; nullopt for any other name. Pure.
std::optional<std::pair<Digest, std::string>> parseStoredFileName(std::string_view name);

// True for a UUID in the 8-4-4-4-12 lower- or upper-case hex form the CLI accepts. Pure.
bool isSessionId(std::string_view text);
// A new random (version 4) UUID.
std::string newSessionId();

// The folder, under the CLI's projects folder, where it keeps the transcripts of processes
// started in `cwd`: the path with every character other than an ASCII letter or digit
// replaced by '-' (verified with the pinned CLI). Pure.
std::string projectFolderName(std::string_view cwd);

// True when `text` has the shape of a whole CLI transcript: JSON-object lines ("{…}"), each
// ended by a newline, at least one of them an assistant message. It guards against a kept
// file that was cut short or overwritten: the CLI would resume such a file as an empty or
// partial conversation without saying so. Linear, no allocation. Pure.
bool looksLikeTranscript(std::string_view text);

// The entries that must go, oldest first: those older than the age limit, then the oldest
// until both the count and the byte limits hold. `entries` in any order. Pure.
std::vector<Digest> overLimits(const std::vector<StoredSession>& entries, const StoreLimits& limits,
                               WallClock::time_point now);

// The kept transcripts of one state directory. Loads what an earlier run of the proxy left
// there (so a restart keeps them), adds one after every finished turn, finds the longest one
// a request continues, and drops the oldest past the limits. Thread-safe.
class SessionStore {
  public:
    // `directory` is created (mode 0700) if missing; throws std::runtime_error when it cannot
    // be.
    SessionStore(std::filesystem::path directory, StoreLimits limits);

    struct Found {
        std::size_t prefixLength = 0;  // how many of the request's messages it holds
        Digest digest;
        std::string sessionId;
        std::filesystem::path file;
    };
    // The kept transcript whose digest is `prefixes[i]` for the largest i below the last (so
    // that at least one new message is left), within the age limit; nullopt when none is.
    std::optional<Found> find(const std::vector<Digest>& prefixes);

    // True when the kept file of `found` still looks like a whole transcript
    // (looksLikeTranscript); reads at most the byte limit.
    bool intact(const Found& found) const;

    // Copies the CLI's transcript `transcript` (session `sessionId`) in as `conversation`.
    // An older copy of the same session (an earlier turn of it) is dropped. False when the
    // file could not be read or written (nothing is kept then).
    bool save(const Digest& conversation, const std::string& sessionId,
              const std::filesystem::path& transcript);

    // Drops the transcript of `conversation` (the CLI could not resume it).
    void forget(const Digest& conversation);

    std::size_t size() const;
    std::uint64_t bytes() const;
    const std::filesystem::path& directory() const { return directory_; }

  private:
    void removeLocked(const Digest& digest);
    void enforceLocked();

    const std::filesystem::path directory_;
    const StoreLimits limits_;
    mutable std::mutex mutex_;
    std::map<Digest, StoredSession> entries_;
};

}  // namespace claude_proxy::conversation
