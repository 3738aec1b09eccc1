#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "conversation/cli_session.hpp"
#include "conversation/fingerprint.hpp"

namespace claude_proxy::conversation {

struct PoolLimits {
    std::size_t maxLive = 8;  // idle conversations kept with their process; 0: none kept
    std::chrono::milliseconds liveIdle{600000};  // an idle conversation's process is ended after
    std::size_t spares = 1;                      // processes started ahead for new conversations
    std::chrono::milliseconds spareMaxAge{1800000};  // a spare is replaced after this long
    std::size_t memoryBudget = std::size_t{1536} * 1024 * 1024;  // RSS of all idle processes
    std::chrono::milliseconds reapInterval{1000};
    std::chrono::milliseconds killGrace{2000};
};

// What happened in the pool, for metrics: ("lookup", "live" | "spare" | "cold"),
// ("miss", reason), ("eviction", reason). Called from any thread.
using PoolEventFn = std::function<void(const char* event, const char* what)>;

// Makes a new, unconfigured session (spawns a CLI). Throws what the spawn throws.
using SessionFactory = std::function<std::unique_ptr<CliSession>()>;

struct PoolSnapshot {
    std::size_t live = 0;
    std::size_t spares = 0;
    std::size_t idleBytes = 0;       // measured RSS of live and spare processes
    std::size_t storedSessions = 0;  // transcripts kept on disk (filled by ChatService)
    std::uint64_t storedBytes = 0;
};

// The CLI processes kept between requests: conversations with their process (looked up by the
// digest of the conversation as the client will send it back, fingerprint.hpp), and spares
// started ahead for new conversations. Bounded by count, by idle time and by a memory budget
// over the processes' measured RSS, least recently used first. A session is lent out whole: a
// request takes it, and gives it back (keep) only after a turn that went well; a session that
// failed is never given back. A thread of its own ends idle, dead and over-budget processes and
// keeps the spares topped up. Thread-safe.
class SessionPool {
  public:
    SessionPool(PoolLimits limits, SessionFactory factory, PoolEventFn onEvent);
    ~SessionPool();  // shutdown()
    SessionPool(const SessionPool&) = delete;
    SessionPool& operator=(const SessionPool&) = delete;

    struct LiveMatch {
        std::unique_ptr<CliSession> session;
        std::size_t prefixLength = 0;  // how many of the request's messages it already holds
    };
    // The kept conversation whose digest is `prefixes[i]` for the largest i (below the last),
    // taken out of the pool; nullopt when none is kept.
    std::optional<LiveMatch> takeLive(const std::vector<Digest>& prefixes);
    // A spare, taken out of the pool (another is started in its place); null when none is
    // ready.
    std::unique_ptr<CliSession> takeSpare();
    // Keeps `session` as the conversation `conversation` (the client's history plus the reply
    // just given). Evicts the least recently used when over a limit; ends it at once when the
    // live tier is off.
    void keep(const Digest& conversation, std::unique_ptr<CliSession> session);

    void event(const char* name, const char* what) const;

    PoolSnapshot snapshot() const;
    const PoolLimits& limits() const { return limits_; }

    // Ends every kept process and the pool's thread; afterwards nothing is kept or started.
    void shutdown();

  private:
    struct Entry {
        std::unique_ptr<CliSession> session;
        std::list<Digest>::iterator order;
    };

    void run();
    // Takes the least recently used live session out (or a spare when none is live).
    std::unique_ptr<CliSession> popOldestLocked(const char*& reason);
    std::size_t idleBytesLocked() const;
    void endAll(std::vector<std::unique_ptr<CliSession>>& sessions) const;

    const PoolLimits limits_;
    SessionFactory factory_;
    PoolEventFn onEvent_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::map<Digest, Entry> live_;
    std::list<Digest> order_;  // least recently used first
    std::vector<std::unique_ptr<CliSession>> spares_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace claude_proxy::conversation
