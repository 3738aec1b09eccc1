#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

#include "metrics/metrics_registry.hpp"

namespace claude_proxy::metrics {

// What /metrics is built from: counters and histograms fed by the request path, gauges read
// at scrape time. Every metric is named claude_proxy_*. Thread-safe.
class ProxyMetrics {
  public:
    ProxyMetrics();

    // One finished request. `route` is the route template (never the raw path), `model` a
    // bounded label (ModelCatalog::metricLabel).
    void requestFinished(const std::string& route, const std::string& model, int status,
                         double seconds);
    // Streaming: seconds from the request's arrival to its first content chunk.
    void firstToken(double seconds);
    // A request turned away before any CLI ran: "concurrency_limit", "unauthorized",
    // "body_too_large", "shutting_down".
    void rejected(const std::string& reason);
    void refusalRetry();
    void tokens(std::int64_t prompt, std::int64_t completion);
    // Something the pool of kept CLI processes did: ("lookup", "live"|"spare"|"cold"),
    // ("miss", reason), ("eviction", reason).
    void poolEvent(const std::string& event, const std::string& what);
    // One plugin file tried at start-up.
    void pluginLoad(bool loaded, const std::string& name, const std::string& version);

    struct Gauges {
        std::size_t cliProcesses = 0;
        std::size_t queueDepth = 0;
        std::size_t inFlight = 0;
        bool draining = false;
        std::uint64_t droppedLogLines = 0;  // since start (rendered as a counter)
        std::size_t liveProcesses = 0;      // kept conversations
        std::size_t storedSessions = 0;     // transcripts kept on disk
        std::uint64_t storedBytes = 0;
        std::size_t spareProcesses = 0;
        std::size_t idleProcessBytes = 0;  // their measured RSS
    };
    // The exposition text, with the gauges set to `now`.
    std::string render(const Gauges& now);

  private:
    MetricsRegistry registry_;
    std::uint64_t droppedLogLinesSeen_ = 0;  // guarded by renderMutex_
    std::mutex renderMutex_;
};

// The label for a request path: the route template for known routes, "other" otherwise.
std::string routeLabel(const std::string& path);

}  // namespace claude_proxy::metrics
