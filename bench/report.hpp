#pragma once

#include <string>
#include <vector>

#include "bench_options.hpp"
#include "concurrent_load.hpp"
#include "latency_bench.hpp"
#include "process_sampler.hpp"

namespace claude_proxy::bench {

// Everything one bench run measured.
struct BenchFigures {
    BenchOptions options;
    std::string machine;     // one line: CPUs, model, memory, kernel, CLI version, date
    std::string loadBefore;  // load averages when the bench started and when it ended
    std::string loadAfter;
    std::string jsonMarkers;
    std::string streamMarkers;
    LatencyResults latency;
    long idleRssKb = 0;       // the proxy after start-up and the warm-up requests
    long idleAfterRssKb = 0;  // the proxy after the measured pairs
    long cliPeakRssKb = 0;    // the largest bare CLI run (getrusage of reaped children)
    LoadResult streams;       // options.streams concurrent streams at the proxy
    SampleReport streamSamples;
    long proxyHwmKb = 0;  // the proxy's VmHWM after the streams
    // Per round: options.requests bare runs through options.cap workers, and options.requests
    // concurrent requests at a proxy with --max-concurrency=options.cap.
    std::vector<LoadResult> barePool;
    std::vector<LoadResult> capped;
    double barePoolCliCpuSeconds = 0.0;   // CPU of the bare CLI runs, all rounds
    double cappedCliCpuSeconds = 0.0;     // CPU of the proxy's CLI children, all rounds
    double cappedProxyCpuSeconds = 0.0;   // the proxy's own CPU, all rounds
    std::size_t barePoolMaxChildren = 0;  // the most bare CLI runs seen at once
    std::size_t cappedMaxChildren = 0;    // the most CLI children of that proxy seen at once
    std::vector<std::string> invocationDifferences;  // empty: the same argv and environment
};

// The table (Markdown) and the notes under it.
std::string renderReport(const BenchFigures& figures);

// True when every run succeeded and the proxy ran the CLI exactly as the bare runs did.
bool cleanRun(const BenchFigures& figures);

}  // namespace claude_proxy::bench
