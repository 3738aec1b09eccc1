#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "bench/machine_info.hpp"
#include "health_sampler.hpp"
#include "log_summary.hpp"
#include "outcome.hpp"
#include "proxy_limits.hpp"
#include "proxy_monitor.hpp"
#include "soak_options.hpp"

namespace claude_proxy::soak {

// Everything one run measured; soak_report.hpp judges it.
struct SoakResult {
    SoakOptions options;
    ProxyLimits limits;
    bench::MachineInfo machine;
    std::string loadBefore;  // /proc/loadavg at the start and at the end
    std::string loadAfter;

    int planned = 0;
    std::vector<Outcome> outcomes;  // the requests that ran, in the plan's order
    double loadWallMs = 0;          // first request sent to the last one ended
    double settleMs = 0;            // then until the proxy was idle again (bounded)

    HealthReport health;    // during the load and the settling
    MonitorReport monitor;  // likewise

    long startRssKb = 0;  // after the warm-up, idle
    long endRssKb = 0;    // after the settling
    int baselineFds = 0;  // likewise
    int endFds = 0;
    std::vector<std::string> extraFds;  // what the proxy held at the end beyond the baseline

    std::vector<pid_t> childrenLeft;  // the proxy's children after the settling, zombies too
    std::vector<pid_t> strayCli;      // any process carrying the mock's address, the proxy aside

    std::size_t upstreamRequests = 0;     // what the mock received during the load
    std::size_t upstreamUnfinished = 0;   // ... and had not finished answering at the end
    std::size_t upstreamClosedEarly = 0;  // ... whose client (a CLI) went away early

    bool proxyRanThroughout = false;  // still running once the load had settled
    std::string proxyExit;            // how it ended on SIGTERM, e.g. "exit 0"
    bool proxyExitClean = false;
    LogSummary log;  // the proxy's log of the whole run
};

// Starts the mock and the proxy, warms up, drives the mix from `options.clients` threads while
// /health and the proxy's process are sampled, lets it settle, stops the proxy. Progress goes
// to stderr. Throws std::runtime_error when the run cannot be set up (no CLI, the proxy does
// not start, the warm-up fails).
SoakResult runSoak(const SoakOptions& options);

}  // namespace claude_proxy::soak
