#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "metrics/metrics_registry.hpp"
#include "metrics/proxy_metrics.hpp"

using claude_proxy::metrics::MetricsRegistry;

namespace {

bool contains(const std::string& text, const std::string& line) {
    return text.find(line) != std::string::npos;
}

}  // namespace

TEST_CASE("counters render with HELP, TYPE and sorted labelled series") {
    MetricsRegistry registry;
    registry.declare("jobs_total", MetricsRegistry::Kind::Counter, "Jobs done.", {"kind"});
    registry.add("jobs_total", {"b"});
    registry.add("jobs_total", {"a"}, 2);
    registry.add("jobs_total", {"b"});
    const auto text = registry.render();
    CHECK(text ==
          "# HELP jobs_total Jobs done.\n"
          "# TYPE jobs_total counter\n"
          "jobs_total{kind=\"a\"} 2\n"
          "jobs_total{kind=\"b\"} 2\n");
}

TEST_CASE("gauges are set, not added") {
    MetricsRegistry registry;
    registry.declare("depth", MetricsRegistry::Kind::Gauge, "Depth.", {});
    registry.set("depth", {}, 5);
    registry.set("depth", {}, 3);
    CHECK(contains(registry.render(), "\ndepth 3\n"));
}

TEST_CASE("histograms have cumulative buckets, +Inf, sum and count") {
    MetricsRegistry registry;
    registry.declare("latency_seconds", MetricsRegistry::Kind::Histogram, "Latency.", {"route"},
                     {0.5, 1, 5});
    for (const double value : {0.2, 0.7, 0.9, 3.0, 40.0}) {
        registry.observe("latency_seconds", {"/x"}, value);
    }
    const auto text = registry.render();
    CHECK(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"0.5\"} 1\n"));
    CHECK(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"));
    CHECK(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"5\"} 4\n"));
    CHECK(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 5\n"));
    CHECK(contains(text, "latency_seconds_sum{route=\"/x\"} 44.8\n"));
    CHECK(contains(text, "latency_seconds_count{route=\"/x\"} 5\n"));
}

TEST_CASE("label values are escaped") {
    MetricsRegistry registry;
    registry.declare("odd_total", MetricsRegistry::Kind::Counter, "Odd.", {"v"});
    registry.add("odd_total", {"a\"b\\c\nd"});
    CHECK(contains(registry.render(), "odd_total{v=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST_CASE("bad declarations and misuse are refused") {
    MetricsRegistry registry;
    CHECK_THROWS_AS(registry.declare("1bad", MetricsRegistry::Kind::Counter, "x", {}),
                    std::invalid_argument);
    CHECK_THROWS_AS(registry.declare("ok", MetricsRegistry::Kind::Counter, "x", {"le"}),
                    std::invalid_argument);
    CHECK_THROWS_AS(registry.declare("h", MetricsRegistry::Kind::Histogram, "x", {}, {1, 1}),
                    std::invalid_argument);
    registry.declare("c", MetricsRegistry::Kind::Counter, "x", {});
    CHECK_THROWS_AS(registry.declare("c", MetricsRegistry::Kind::Gauge, "x", {}),
                    std::invalid_argument);
    CHECK_THROWS_AS(registry.set("c", {}, 1), std::logic_error);
    CHECK_THROWS_AS(registry.add("missing", {}), std::logic_error);
}

TEST_CASE("the proxy's families are all present from the start") {
    claude_proxy::metrics::ProxyMetrics metrics;
    const auto text = metrics.render({2, 1, 3, false});
    for (const std::string name :
         {"claude_proxy_requests_total", "claude_proxy_request_duration_seconds",
          "claude_proxy_time_to_first_token_seconds", "claude_proxy_cli_processes",
          "claude_proxy_queue_depth", "claude_proxy_rejected_requests_total",
          "claude_proxy_refusal_retries_total", "claude_proxy_tokens_total",
          "claude_proxy_plugin_loads_total"}) {
        CHECK(contains(text, "# TYPE " + name + " "));
    }
    CHECK(contains(text, "\nclaude_proxy_cli_processes 2\n"));
    CHECK(contains(text, "\nclaude_proxy_queue_depth 1\n"));
    CHECK(contains(text, "claude_proxy_tokens_total{direction=\"prompt\"} 0\n"));
}

TEST_CASE("route labels are templates, never raw paths") {
    using claude_proxy::metrics::routeLabel;
    CHECK(routeLabel("/v1/chat/completions") == "/v1/chat/completions");
    CHECK(routeLabel("/chat/completions?x=1") == "/v1/chat/completions");
    CHECK(routeLabel("/v1/models/claude-opus-4-6") == "/v1/models/{id}");
    CHECK(routeLabel("/health") == "/health");
    CHECK(routeLabel("/etc/passwd") == "other");
    CHECK(routeLabel("/v1/anything/else") == "other");
}
