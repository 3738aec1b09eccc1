#include "soak_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "bench/table.hpp"

namespace claude_proxy::soak {
namespace {

constexpr std::size_t kFailuresShown = 25;

std::string fixed(double value, int decimals) {
    char text[64] = {};
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string seconds(double ms) {
    return fixed(ms / 1000.0, 1) + " s";
}

// The value at fraction `q` of the sorted samples (nearest rank).
double quantile(std::vector<double> samples, double q) {
    if (samples.empty()) {
        return 0;
    }
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(rank, samples.size() - 1)];
}

std::string joinPids(const std::vector<pid_t>& pids) {
    std::string text;
    for (const pid_t pid : pids) {
        text += (text.empty() ? "" : " ") + std::to_string(pid);
    }
    return text;
}

// About as many clients as CLI slots and queue places: some may be refused at once. (A client
// that hangs up while queued leaves within 100 ms, and a stream's slot comes free just after
// its last bytes; the client's next request may come sooner, so right at the edge the queue
// overflows now and then.)
bool queueMayFill(const SoakResult& result) {
    constexpr int kEdge = 2;
    return result.options.clients + kEdge > result.limits.maxConcurrency + result.limits.maxQueue;
}

struct Check {
    std::string name;
    std::string measured;
    std::string limit;
    bool passed;
};

void printSetting(const SoakResult& result, std::ostream& out) {
    const auto& machine = result.machine;
    const auto& limits = result.limits;
    out << "## Load and fault run\n\n"
        << "- machine: " << machine.cpus << " CPUs (" << machine.cpuModel << "), "
        << machine.memoryMb << " MB RAM, " << machine.kernel << "; claude CLI "
        << machine.cliVersion << "; " << machine.date << " (UTC)\n"
        << "- load average before / after: " << result.loadBefore << " / " << result.loadAfter
        << "\n"
        << "- mix: " << result.planned << " requests from " << result.options.clients
        << " clients, seed " << result.options.seed << "\n"
        << "- proxy: --max-concurrency=" << limits.maxConcurrency
        << " --request-timeout-ms=" << limits.requestTimeout.count()
        << " --queue-timeout-ms=" << limits.queueTimeout.count()
        << " --max-queue=" << limits.maxQueue
        << " --request-read-timeout-ms=" << limits.readTimeout.count()
        << " --kill-grace-ms=" << limits.killGrace.count()
        << " --max-body-bytes=" << limits.maxBodyBytes
        << " --cli-max-retries=" << limits.cliMaxRetries
        << " --live-conversations=" << limits.liveConversations
        << " --spare-processes=" << limits.spareProcesses << "\n\n";
}

void printOutcomes(const SoakResult& result, std::ostream& out) {
    struct Row {
        int count = 0;
        double slowestMs = 0;
        bool expected = true;
    };
    std::map<std::tuple<int, std::string>, Row> rows;
    for (const auto& outcome : result.outcomes) {
        auto& row = rows[{static_cast<int>(outcome.request.scenario), outcomeLabel(outcome)}];
        ++row.count;
        row.slowestMs = std::max(row.slowestMs, outcome.ms);
        row.expected = row.expected && isExpected(outcome, queueMayFill(result));
    }
    bench::Table table({"scenario", "outcome", "count", "slowest", "expected"});
    for (const auto& [key, row] : rows) {
        table.addRow({std::string(scenarioName(static_cast<Scenario>(std::get<0>(key)))),
                      std::get<1>(key), std::to_string(row.count), seconds(row.slowestMs),
                      row.expected ? "yes" : "NO"});
    }
    out << table.markdown() << "\n";
}

std::vector<Check> checksOf(const SoakResult& result) {
    const auto& outcomes = result.outcomes;
    const auto countIf = [&](auto predicate) {
        return static_cast<int>(std::count_if(outcomes.begin(), outcomes.end(), predicate));
    };
    const int ran = static_cast<int>(outcomes.size());
    const int mapped = countIf([](const Outcome& o) { return isMapped(o); });
    const bool mayFill = queueMayFill(result);
    const int expected = countIf([&](const Outcome& o) { return isExpected(o, mayFill); });
    const int hung = countIf([](const Outcome& o) { return o.hung; });
    const auto killScenario = [](const Outcome& o) {
        return o.request.scenario == Scenario::CliKilled;
    };
    const int killTries = countIf(killScenario);
    const int kills = countIf([&](const Outcome& o) { return killScenario(o) && o.killed; });
    const int killsRefused = countIf([&](const Outcome& o) {
        return killScenario(o) && !o.killed && refusedBeforeCli(o, mayFill);
    });
    const auto& health = result.health;
    const double worst = health.latenciesMs.empty() ? 0
                                                    : *std::max_element(health.latenciesMs.begin(),
                                                                        health.latenciesMs.end());
    const auto bound = static_cast<double>(result.options.healthBound.count());
    const long maxRssKb = result.options.maxRssMb * 1024;
    const auto cap = static_cast<std::size_t>(result.limits.maxConcurrency);
    const auto logged500 = result.log.accessStatuses.find(500);
    const int internalErrors = logged500 == result.log.accessStatuses.end() ? 0 : logged500->second;

    return {
        {"requests run", std::to_string(ran) + " of " + std::to_string(result.planned), "all",
         ran == result.planned},
        {"answers mapped (200 or a README error)",
         std::to_string(mapped) + " of " + std::to_string(ran), "all", mapped == ran},
        {"outcomes expected for their scenario",
         std::to_string(expected) + " of " + std::to_string(ran), "all", expected == ran},
        {"requests hung past their bound", std::to_string(hung), "0", hung == 0},
        {"CLIs SIGKILLed while answering (CLI killed requests)",
         std::to_string(kills) + " of " + std::to_string(killTries) +
             (killsRefused > 0 ? " (" + std::to_string(killsRefused) + " refused before a CLI ran)"
                               : ""),
         "all that ran a CLI, ≥ 1", kills >= 1 && kills + killsRefused == killTries},
        {"/health latency p50 / p99 / worst",
         fixed(quantile(health.latenciesMs, 0.5), 1) + " / " +
             fixed(quantile(health.latenciesMs, 0.99), 1) + " / " + fixed(worst, 1) + " ms (" +
             std::to_string(health.latenciesMs.size()) + " probes)",
         "worst ≤ " + fixed(bound, 0) + " ms", !health.latenciesMs.empty() && worst <= bound},
        {"/health probes failed",
         std::to_string(health.failures) +
             (health.firstFailure.empty() ? "" : " (first: " + health.firstFailure + ")"),
         "0", health.failures == 0},
        {"CLI processes at once, most (sampled / /health)",
         std::to_string(result.monitor.mostChildren) + " / " +
             std::to_string(health.mostCliProcesses),
         "≤ " + std::to_string(cap),
         result.monitor.mostChildren <= cap &&
             static_cast<std::size_t>(std::max(0L, health.mostCliProcesses)) <= cap},
        {"requests in flight / queued, most (from /health)",
         std::to_string(health.mostInFlight) + " / " + std::to_string(health.mostQueued),
         "≤ " + std::to_string(cap) + " / ≤ " + std::to_string(result.limits.maxQueue),
         static_cast<std::size_t>(std::max(0L, health.mostInFlight)) <= cap &&
             health.mostQueued <= result.limits.maxQueue},
        {"CLI processes after the run (children / anywhere)",
         std::to_string(result.childrenLeft.size()) + " / " +
             std::to_string(result.strayCli.size()) +
             (result.strayCli.empty() ? "" : " (pids " + joinPids(result.strayCli) + ")"),
         "0 / 0", result.childrenLeft.empty() && result.strayCli.empty()},
        {"proxy descriptors: baseline / most / end",
         std::to_string(result.baselineFds) + " / " + std::to_string(result.monitor.mostFds) +
             " / " + std::to_string(result.endFds),
         "end ≤ baseline", result.endFds >= 0 && result.endFds <= result.baselineFds},
        {"proxy RSS: idle / peak / end",
         bench::formatMb(result.startRssKb) + " / " + bench::formatMb(result.monitor.peakRssKb) +
             " / " + bench::formatMb(result.endRssKb),
         "peak ≤ " + std::to_string(result.options.maxRssMb) + " MB",
         result.monitor.peakRssKb > 0 && result.monitor.peakRssKb <= maxRssKb},
        {"upstream requests left unfinished",
         std::to_string(result.upstreamUnfinished) + " of " +
             std::to_string(result.upstreamRequests) + " (" +
             std::to_string(result.upstreamClosedEarly) + " closed early by their CLI)",
         "0", result.upstreamUnfinished == 0},
        {"proxy log: 500s / error lines",
         std::to_string(internalErrors) + " / " + std::to_string(result.log.errors.size()) + " (" +
             std::to_string(result.log.warnings) + " warnings)",
         "0 / 0", internalErrors == 0 && result.log.errors.empty()},
        {"proxy ran throughout, then stopped on SIGTERM",
         std::string(result.proxyRanThroughout ? "ran" : "DIED") + ", " + result.proxyExit,
         "exit 0", result.proxyRanThroughout && result.proxyExitClean},
    };
}

void printFailures(const SoakResult& result, std::ostream& out) {
    std::vector<const Outcome*> failed;
    for (const auto& outcome : result.outcomes) {
        if (!isExpected(outcome, queueMayFill(result))) {
            failed.push_back(&outcome);
        }
    }
    if (!failed.empty()) {
        out << "Requests that failed a check (" << failed.size() << "):\n\n";
        for (std::size_t i = 0; i < failed.size() && i < kFailuresShown; ++i) {
            const Outcome& o = *failed[i];
            out << "- #" << o.request.index << " " << scenarioName(o.request.scenario)
                << " (variant " << o.request.variant << "): " << outcomeLabel(o) << " after "
                << seconds(o.ms) << " (bound " << seconds(static_cast<double>(o.bound.count()))
                << ")" << (o.killed ? ", CLI killed" : "") << (o.note.empty() ? "" : ", " + o.note)
                << "\n";
        }
        out << "\n";
    }
    if (!result.extraFds.empty()) {
        out << "Descriptors the proxy held at the end beyond its baseline:";
        for (const auto& target : result.extraFds) {
            out << " " << target;
        }
        out << "\n\n";
    }
    for (std::size_t i = 0; i < result.log.errors.size() && i < kFailuresShown; ++i) {
        out << (i == 0 ? "Errors in the proxy's log:\n\n" : "") << "    " << result.log.errors[i]
            << "\n";
    }
    if (!result.childrenLeft.empty()) {
        out << "Children of the proxy left: " << joinPids(result.childrenLeft) << "\n\n";
    }
}

}  // namespace

bool reportSoak(const SoakResult& result, std::ostream& out) {
    printSetting(result, out);
    printOutcomes(result, out);
    const auto checks = checksOf(result);
    bench::Table table({"check", "measured", "limit", "result"});
    bool passed = true;
    for (const auto& check : checks) {
        table.addRow({check.name, check.measured, check.limit, check.passed ? "ok" : "FAILED"});
        passed = passed && check.passed;
    }
    out << table.markdown() << "\n";
    out << "Proxy access log (API requests, /health aside):";
    for (const auto& [status, count] : result.log.accessStatuses) {
        out << " " << status << " ×" << count;
    }
    out << "; " << result.log.healthLines << " /health.\n\n";
    out << "Wall time: " << seconds(result.loadWallMs) << " for the load, "
        << seconds(result.settleMs) << " to settle.\n\n";
    printFailures(result, out);
    out << (passed ? "PASSED" : "FAILED") << "\n";
    return passed;
}

}  // namespace claude_proxy::soak
