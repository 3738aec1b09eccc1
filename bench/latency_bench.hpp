#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "bare_cli_runner.hpp"
#include "chat_run.hpp"
#include "upstream_log.hpp"

namespace claude_proxy::bench {

// One metric's samples on each side.
struct Series {
    std::vector<double> bare;
    std::vector<double> proxy;
};

// Single-request measurements, bare CLI against proxy. Failed runs are left out of the series
// and listed in `failures`.
struct LatencyResults {
    Series jsonTotal;
    Series streamFirstContent;
    Series streamTotal;
    // CPU seconds per request in ms: the CLI run's (reaped child) plus, for the proxy, its own.
    Series jsonCpu;
    Series streamCpu;
    Series jsonUpstreamBytes;
    Series streamUpstreamBytes;
    Series jsonUpstreamRequests;
    Series streamUpstreamRequests;
    // proxy − bare within each pair where both runs succeeded: drift between pairs cancels.
    std::vector<double> jsonTotalPaired;
    std::vector<double> streamFirstContentPaired;
    std::vector<double> streamTotalPaired;
    std::vector<std::string> failures;
};

enum class Side { Bare, Proxy };
enum class Mode { Json, Stream };

// Runs one request at a time, on either side, with the mock's log read around it.
class LatencyBench {
  public:
    LatencyBench(const BareCliRunner& bare, int proxyPort, pid_t proxyPid, std::string model,
                 const UpstreamLog& upstream, ChatPrompt jsonPrompt, ChatPrompt streamPrompt,
                 std::chrono::milliseconds timeout);

    // One run of `side` in `mode`; its timing and upstream traffic go into `results`.
    RunMeasurement measure(Side side, Mode mode, LatencyResults& results) const;
    // One run on each side, in the order given; also records their paired differences.
    // Returns the bare run and the proxy run.
    std::pair<RunMeasurement, RunMeasurement> measurePair(bool bareFirst, Mode mode,
                                                          LatencyResults& results) const;

  private:
    RunMeasurement execute(Side side, Mode mode) const;

    const BareCliRunner& bare_;
    int proxyPort_;
    pid_t proxyPid_;
    std::string model_;
    const UpstreamLog& upstream_;
    ChatPrompt jsonPrompt_;
    ChatPrompt streamPrompt_;
    std::chrono::milliseconds timeout_;
};

}  // namespace claude_proxy::bench
