#include "metrics/proxy_metrics.hpp"

namespace claude_proxy::metrics {
namespace {

using Kind = MetricsRegistry::Kind;

// Seconds: a CLI run takes about half a second at least and may take minutes.
const std::vector<double> kLatencyBuckets = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};
const std::vector<double> kFirstTokenBuckets = {0.1, 0.25, 0.5, 0.75, 1, 2, 5, 10, 30, 60};

}  // namespace

ProxyMetrics::ProxyMetrics() {
    registry_.declare("claude_proxy_requests_total", Kind::Counter,
                      "HTTP requests answered, by route template, model and status.",
                      {"route", "model", "status"});
    registry_.declare("claude_proxy_request_duration_seconds", Kind::Histogram,
                      "Time from a request's arrival to its last byte, by route template.",
                      {"route"}, kLatencyBuckets);
    registry_.declare("claude_proxy_time_to_first_token_seconds", Kind::Histogram,
                      "Streaming: time from a request's arrival to its first content chunk.", {},
                      kFirstTokenBuckets);
    registry_.declare("claude_proxy_cli_processes", Kind::Gauge,
                      "claude CLI processes running right now.", {});
    registry_.declare("claude_proxy_queue_depth", Kind::Gauge,
                      "Requests waiting for a free CLI slot right now.", {});
    registry_.declare("claude_proxy_in_flight_requests", Kind::Gauge,
                      "Requests holding a CLI slot right now.", {});
    registry_.declare("claude_proxy_draining", Kind::Gauge,
                      "1 while the server is shutting down and takes no new work.", {});
    registry_.declare("claude_proxy_live_processes", Kind::Gauge,
                      "CLI processes kept with an idle conversation right now.", {});
    registry_.declare("claude_proxy_spare_processes", Kind::Gauge,
                      "CLI processes started ahead for new conversations, ready now.", {});
    registry_.declare("claude_proxy_idle_process_bytes", Kind::Gauge,
                      "Resident memory of the kept and spare CLI processes, as last measured.", {});
    registry_.declare("claude_proxy_session_lookups_total", Kind::Counter,
                      "Where the CLI process of a request came from: live (the kept "
                      "conversation), resumed (a transcript kept on disk), spare, or cold "
                      "(started for it).",
                      {"source"});
    registry_.declare("claude_proxy_session_resumes_missed_total", Kind::Counter,
                      "Requests that no kept transcript on disk could continue either, by "
                      "reason: absent, diverged, damaged (the kept file was cut short or "
                      "overwritten), failed (the CLI could not resume it).",
                      {"reason"});
    registry_.declare("claude_proxy_stored_sessions", Kind::Gauge,
                      "CLI transcripts kept on disk for --resume right now.", {});
    registry_.declare("claude_proxy_stored_session_bytes", Kind::Gauge,
                      "Total size of the CLI transcripts kept on disk.", {});
    registry_.declare("claude_proxy_session_misses_total", Kind::Counter,
                      "Requests that continued no kept conversation, by reason.", {"reason"});
    registry_.declare("claude_proxy_process_evictions_total", Kind::Counter,
                      "Kept or spare CLI processes ended, by reason.", {"reason"});
    registry_.declare("claude_proxy_log_lines_dropped_total", Kind::Counter,
                      "Log lines dropped because the log output could not keep up.", {});
    registry_.declare("claude_proxy_rejected_requests_total", Kind::Counter,
                      "Requests turned away before any CLI ran, by reason.", {"reason"});
    registry_.declare("claude_proxy_refusal_retries_total", Kind::Counter,
                      "CLI runs repeated because the model falsely refused to call a tool.", {});
    registry_.declare("claude_proxy_tokens_total", Kind::Counter,
                      "Tokens reported by the CLI, by direction (prompt, completion).",
                      {"direction"});
    registry_.declare("claude_proxy_plugin_loads_total", Kind::Counter,
                      "Tool-call plugin files tried at start-up, by result (loaded, refused).",
                      {"result"});
    registry_.declare("claude_proxy_plugin_info", Kind::Gauge,
                      "Loaded tool-call handler plugins (value 1), by name and version.",
                      {"name", "version"});
    // Series that should exist from the start, so rates work before the first event.
    registry_.add("claude_proxy_refusal_retries_total", {}, 0);
    registry_.add("claude_proxy_tokens_total", {"prompt"}, 0);
    registry_.add("claude_proxy_tokens_total", {"completion"}, 0);
    registry_.add("claude_proxy_plugin_loads_total", {"loaded"}, 0);
    registry_.add("claude_proxy_plugin_loads_total", {"refused"}, 0);
    registry_.add("claude_proxy_log_lines_dropped_total", {}, 0);
    for (const char* source : {"live", "resumed", "spare", "cold"}) {
        registry_.add("claude_proxy_session_lookups_total", {source}, 0);
    }
}

void ProxyMetrics::poolEvent(const std::string& event, const std::string& what) {
    if (event == "lookup") {
        registry_.add("claude_proxy_session_lookups_total", {what});
    } else if (event == "miss") {
        registry_.add("claude_proxy_session_misses_total", {what});
    } else if (event == "resume_miss") {
        registry_.add("claude_proxy_session_resumes_missed_total", {what});
    } else if (event == "eviction") {
        registry_.add("claude_proxy_process_evictions_total", {what});
    }
}

void ProxyMetrics::requestFinished(const std::string& route, const std::string& model, int status,
                                   double seconds) {
    registry_.add("claude_proxy_requests_total", {route, model, std::to_string(status)});
    registry_.observe("claude_proxy_request_duration_seconds", {route}, seconds);
}

void ProxyMetrics::firstToken(double seconds) {
    registry_.observe("claude_proxy_time_to_first_token_seconds", {}, seconds);
}

void ProxyMetrics::rejected(const std::string& reason) {
    registry_.add("claude_proxy_rejected_requests_total", {reason});
}

void ProxyMetrics::refusalRetry() {
    registry_.add("claude_proxy_refusal_retries_total", {});
}

void ProxyMetrics::tokens(std::int64_t prompt, std::int64_t completion) {
    registry_.add("claude_proxy_tokens_total", {"prompt"}, static_cast<double>(prompt));
    registry_.add("claude_proxy_tokens_total", {"completion"}, static_cast<double>(completion));
}

void ProxyMetrics::pluginLoad(bool loaded, const std::string& name, const std::string& version) {
    registry_.add("claude_proxy_plugin_loads_total", {loaded ? "loaded" : "refused"});
    if (loaded) {
        registry_.set("claude_proxy_plugin_info", {name, version}, 1);
    }
}

std::string ProxyMetrics::render(const Gauges& now) {
    registry_.set("claude_proxy_cli_processes", {}, static_cast<double>(now.cliProcesses));
    registry_.set("claude_proxy_queue_depth", {}, static_cast<double>(now.queueDepth));
    registry_.set("claude_proxy_in_flight_requests", {}, static_cast<double>(now.inFlight));
    registry_.set("claude_proxy_draining", {}, now.draining ? 1 : 0);
    registry_.set("claude_proxy_live_processes", {}, static_cast<double>(now.liveProcesses));
    registry_.set("claude_proxy_spare_processes", {}, static_cast<double>(now.spareProcesses));
    registry_.set("claude_proxy_idle_process_bytes", {}, static_cast<double>(now.idleProcessBytes));
    registry_.set("claude_proxy_stored_sessions", {}, static_cast<double>(now.storedSessions));
    registry_.set("claude_proxy_stored_session_bytes", {}, static_cast<double>(now.storedBytes));
    {
        std::lock_guard lock(renderMutex_);
        if (now.droppedLogLines > droppedLogLinesSeen_) {
            registry_.add("claude_proxy_log_lines_dropped_total", {},
                          static_cast<double>(now.droppedLogLines - droppedLogLinesSeen_));
            droppedLogLinesSeen_ = now.droppedLogLines;
        }
    }
    return registry_.render();
}

std::string routeLabel(const std::string& path) {
    std::string route = path.substr(0, path.find('?'));
    if (route.rfind("/v1/", 0) != 0 && route != "/health" && route != "/ready" &&
        route != "/metrics") {
        route = "/v1" + route;
    }
    if (route.size() > 1 && route.back() == '/') {
        route.pop_back();
    }
    for (const char* known : {"/v1/chat/completions", "/v1/responses", "/v1/models",
                              "/v1/toolcall-modules", "/health", "/ready", "/metrics"}) {
        if (route == known) {
            return route;
        }
    }
    if (route.rfind("/v1/models/", 0) == 0) {
        return "/v1/models/{id}";
    }
    if (route.rfind("/v1/responses/", 0) == 0) {
        return "/v1/responses/{id}";
    }
    return "other";
}

}  // namespace claude_proxy::metrics
