#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "stats.hpp"
#include "table.hpp"

namespace claude_proxy::bench {
namespace {

constexpr const char* kDash = "—";

void addTimeRow(Table& table, const std::string& metric, const Series& series) {
    const auto bare = summarize(series.bare);
    const auto proxy = summarize(series.proxy);
    const bool both = bare && proxy;
    table.addRow({metric, formatMs(bare), formatMs(proxy),
                  both ? formatRatio(proxy->median, bare->median) : "n/a",
                  both ? formatDifference(proxy->median, bare->median, "ms") : "n/a"});
}

void addBytesRow(Table& table, const std::string& metric, const Series& series) {
    const auto bare = summarize(series.bare);
    const auto proxy = summarize(series.proxy);
    const bool both = bare && proxy;
    table.addRow({metric, formatBytes(bare), formatBytes(proxy),
                  both ? formatRatio(proxy->median, bare->median) : "n/a",
                  both ? formatDifference(proxy->median, bare->median, "B") : "n/a"});
}

// "32 / 0, 32 / 0": completed / failed of each round.
std::string counts(const std::vector<LoadResult>& rounds) {
    std::string text;
    for (const auto& round : rounds) {
        text += (text.empty() ? "" : ", ") + std::to_string(round.completed) + " / " +
                std::to_string(round.failed);
    }
    return text.empty() ? "n/a" : text;
}

std::optional<Summary> wallTimes(const std::vector<LoadResult>& rounds) {
    std::vector<double> times;
    for (const auto& round : rounds) {
        times.push_back(round.wallMs);
    }
    return summarize(times);
}

int failedCount(const std::vector<LoadResult>& rounds) {
    int failed = 0;
    for (const auto& round : rounds) {
        failed += round.failed;
    }
    return failed;
}

std::string medianText(const std::vector<double>& values) {
    const auto summary = summarize(values);
    if (!summary) {
        return "n/a";
    }
    char buffer[32] = {};
    std::snprintf(buffer, sizeof buffer, "%.0f", summary->median);
    return buffer;
}

std::string pairedText(const std::vector<double>& differences) {
    const auto summary = summarize(differences);
    if (!summary) {
        return "n/a";
    }
    char buffer[32] = {};
    std::snprintf(buffer, sizeof buffer, "%+.1f ms", summary->median);
    return buffer;
}

std::vector<std::string> allFailures(const BenchFigures& figures) {
    std::vector<std::string> failures = figures.latency.failures;
    const auto add = [&failures](const LoadResult& load) {
        failures.insert(failures.end(), load.failures.begin(), load.failures.end());
    };
    add(figures.streams);
    std::for_each(figures.barePool.begin(), figures.barePool.end(), add);
    std::for_each(figures.capped.begin(), figures.capped.end(), add);
    return failures;
}

Table resultTable(const BenchFigures& f) {
    const std::string n = std::to_string(f.options.requests);
    const std::string cap = std::to_string(f.options.cap);
    const std::string load = n + " concurrent, cap " + cap + ": ";
    Table table({"metric", "bare CLI", "proxy", "proxy/bare", "proxy − bare"});
    addTimeRow(table, "non-stream: total latency", f.latency.jsonTotal);
    addTimeRow(table, "stream: time to first content byte", f.latency.streamFirstContent);
    addTimeRow(table, "stream: total latency", f.latency.streamTotal);
    addTimeRow(table, "non-stream: CPU per request", f.latency.jsonCpu);
    addTimeRow(table, "stream: CPU per request", f.latency.streamCpu);
    addBytesRow(table, "upstream bytes per request, non-stream", f.latency.jsonUpstreamBytes);
    addBytesRow(table, "upstream bytes per request, stream", f.latency.streamUpstreamBytes);
    table.addRow({"proxy RSS, idle", kDash, formatMb(f.idleRssKb), kDash, kDash});
    table.addRow({"proxy RSS, peak with " + std::to_string(f.options.streams) + " streams", kDash,
                  formatMb(f.streamSamples.peakRssKb), kDash, kDash});
    table.addRow({load + "completed / failed", counts(f.barePool) + " (pool of " + cap + ")",
                  counts(f.capped), kDash, kDash});
    const auto bareWall = wallTimes(f.barePool);
    const auto proxyWall = wallTimes(f.capped);
    const bool both = bareWall && proxyWall;
    table.addRow({load + "wall time", formatMs(bareWall), formatMs(proxyWall),
                  both ? formatRatio(proxyWall->median, bareWall->median) : "n/a",
                  both ? formatDifference(proxyWall->median, bareWall->median, "ms") : "n/a"});
    const auto requests = static_cast<double>(f.options.requests) *
                          static_cast<double>(std::max<std::size_t>(f.capped.size(), 1));
    const double bareCpu = 1000.0 * f.barePoolCliCpuSeconds / requests;
    const double proxyCpu = 1000.0 * (f.cappedCliCpuSeconds + f.cappedProxyCpuSeconds) / requests;
    table.addRow({load + "CPU per request", formatMs(bareCpu),
                  formatMs(proxyCpu) + " (proxy itself " +
                      formatMs(1000.0 * f.cappedProxyCpuSeconds / requests) + ")",
                  formatRatio(proxyCpu, bareCpu), formatDifference(proxyCpu, bareCpu, "ms")});
    table.addRow({load + "most CLI runs at once", std::to_string(f.barePoolMaxChildren),
                  std::to_string(f.cappedMaxChildren), kDash, kDash});
    return table;
}

}  // namespace

std::string renderReport(const BenchFigures& f) {
    std::ostringstream out;
    out << resultTable(f).markdown() << "\n";
    out << "Notes:\n";
    out << "- machine: " << f.machine << "; load average " << f.loadBefore << " at the start, "
        << f.loadAfter << " at the end\n";
    out << "- latency rows: median (min–max) of " << f.options.runs
        << " interleaved pairs (which side goes first alternates), after one warm-up run of "
           "each; steady_clock around the whole request: spawn to exit for the bare CLI, "
           "connect to the end of the response for the proxy. proxy − bare is what the proxy "
           "adds to one request. CPU per request: user + system time of the CLI run (cutime + "
           "cstime of its parent in /proc/<pid>/stat, in clock ticks of 10 ms) plus, on the "
           "proxy side, the proxy's own.\n";
    out << "- paired: the median of proxy − bare within each pair is "
        << pairedText(f.latency.jsonTotalPaired) << " (non-stream total), "
        << pairedText(f.latency.streamFirstContentPaired) << " (first content byte), "
        << pairedText(f.latency.streamTotalPaired)
        << " (stream total); it is less swayed by drift between pairs than the difference of "
           "the medians.\n";
    out << "- mock replies: non-stream '" << f.jsonMarkers << "', stream '" << f.streamMarkers
        << "'. First content byte: the first stream_event text_delta line on the CLI's "
           "stdout; the first SSE chunk with non-empty delta.content from the proxy.\n";
    out << "- upstream: request bodies the mock logged per chat request (body_bytes); upstream "
           "requests per chat request (median, bare/proxy): non-stream "
        << medianText(f.latency.jsonUpstreamRequests.bare) << "/"
        << medianText(f.latency.jsonUpstreamRequests.proxy) << ", stream "
        << medianText(f.latency.streamUpstreamRequests.bare) << "/"
        << medianText(f.latency.streamUpstreamRequests.proxy) << ".\n";
    out << "- RSS: the proxy process's own VmRSS (/proc/<pid>/status); the CLI runs are separate "
           "processes. Idle = after start-up and one warm-up request of each kind; after the "
           "measured pairs it was "
        << formatMb(f.idleAfterRssKb) << ". The peak is the highest of " << f.streamSamples.samples
        << " samples (every 20 ms) while " << f.options.streams << " streams were open ("
        << f.streams.completed << " completed, " << f.streams.failed
        << " failed); the proxy's VmHWM afterwards: " << formatMb(f.proxyHwmKb) << ". Its "
        << f.streamSamples.maxChildren << " CLI children held up to "
        << formatMb(f.streamSamples.peakChildrenRssKb) << " together; one bare CLI run peaks at "
        << formatMb(f.cliPeakRssKb) << " (getrusage).\n";
    out << "- concurrency: " << f.capped.size() << " rounds (the order flips in the second) of "
        << f.options.requests
        << " requests fired at once at a proxy started with --max-concurrency=" << f.options.cap
        << " --queue-timeout-ms=120000 (its CLI children counted every 20 ms, ours during the bare "
           "rounds), against the same "
        << f.options.requests << " CLI runs through a pool of " << f.options.cap
        << " threads; wall time is the median (min–max) of the rounds. CPU per request: user + "
           "system "
           "time of the CLI runs (cutime + cstime of their parent, /proc/<pid>/stat) plus, on "
           "the proxy side, the proxy's own, divided by the requests.\n";
    if (f.invocationDifferences.empty()) {
        out << "- invocation check: a CLI child of the proxy ran with exactly the bare runs' "
               "argv and environment (apart from the run directory's random name).\n";
    } else {
        out << "- invocation check: the proxy's CLI invocation DIFFERS from the bare runs':\n";
        for (const auto& difference : f.invocationDifferences) {
            out << "    " << difference << "\n";
        }
    }
    const auto failures = allFailures(f);
    if (!failures.empty()) {
        out << "- " << failures.size() << " failed runs, left out of the medians; the first:\n";
        for (std::size_t i = 0; i < failures.size() && i < 10; ++i) {
            out << "    " << failures[i] << "\n";
        }
    }
    return out.str();
}

bool cleanRun(const BenchFigures& figures) {
    return allFailures(figures).empty() && figures.streams.failed == 0 &&
           failedCount(figures.barePool) == 0 && failedCount(figures.capped) == 0 &&
           figures.invocationDifferences.empty();
}

}  // namespace claude_proxy::bench
