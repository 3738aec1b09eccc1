#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "openai/chat_request.hpp"

namespace claude_proxy::service {

// Finished Responses API answers kept in memory, so that a later request can continue one with
// `previous_response_id` and a client can fetch or delete it. Bounded by count, total size and
// age (the oldest go first); scoped by API key: a response is found only under the scope that
// stored it. Thread-safe. Nothing is written to disk: a restart forgets every response.
class ResponseStore {
  public:
    struct Limits {
        std::size_t maxResponses = 256;        // 0: the store is off
        std::uint64_t maxBytes = 64ULL << 20;  // content of all kept responses
        std::chrono::seconds maxAge{3600};     // from when it was stored
    };

    // One kept response: the conversation it ended (its input, without the request's
    // instructions, then its reply as an assistant turn) and the response object as sent.
    struct Entry {
        std::vector<openai::ChatMessage> conversation;
        std::string responseJson;
    };

    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    explicit ResponseStore(Limits limits, Clock clock = std::chrono::steady_clock::now);

    bool enabled() const { return limits_.maxResponses > 0; }

    // Keeps `entry` under `id` for `scope` (replacing one of the same id), then drops the
    // oldest entries past the limits. An entry larger than maxBytes on its own is not kept.
    void put(const std::string& id, const std::string& scope, Entry entry);

    // The entry stored under `id` by `scope`, unless it expired (then it is dropped).
    std::optional<Entry> find(const std::string& id, const std::string& scope);

    // Drops the entry; false when `scope` has none under `id`.
    bool erase(const std::string& id, const std::string& scope);

    std::size_t size() const;
    std::uint64_t bytes() const;

  private:
    struct Slot {
        std::string key;  // scope + '\n' + id
        Entry entry;
        std::uint64_t bytes = 0;
        std::chrono::steady_clock::time_point storedAt;
    };
    void dropOldestPastLimits();
    void dropExpired(std::chrono::steady_clock::time_point now);
    void dropSlot(std::list<Slot>::iterator slot);

    Limits limits_;
    Clock clock_;
    mutable std::mutex mutex_;
    std::list<Slot> order_;  // oldest first
    std::unordered_map<std::string, std::list<Slot>::iterator> byKey_;
    std::uint64_t bytes_ = 0;
};

// What one message costs the store: its text, names, ids and tool calls.
std::uint64_t storedSize(const openai::ChatMessage& message);

}  // namespace claude_proxy::service
