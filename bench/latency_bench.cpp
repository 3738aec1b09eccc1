#include "latency_bench.hpp"

#include <unistd.h>

#include <utility>

#include "cpu_time.hpp"
#include "proxy_client.hpp"

namespace claude_proxy::bench {

LatencyBench::LatencyBench(const BareCliRunner& bare, int proxyPort, pid_t proxyPid,
                           std::string model, const UpstreamLog& upstream, ChatPrompt jsonPrompt,
                           ChatPrompt streamPrompt, std::chrono::milliseconds timeout)
    : bare_(bare),
      proxyPort_(proxyPort),
      proxyPid_(proxyPid),
      model_(std::move(model)),
      upstream_(upstream),
      jsonPrompt_(std::move(jsonPrompt)),
      streamPrompt_(std::move(streamPrompt)),
      timeout_(timeout) {}

RunMeasurement LatencyBench::execute(Side side, Mode mode) const {
    if (side == Side::Bare) {
        return mode == Mode::Json ? bare_.runJson(jsonPrompt_, timeout_)
                                  : bare_.runStream(streamPrompt_, timeout_);
    }
    return mode == Mode::Json ? proxyJsonRequest(proxyPort_, jsonPrompt_, model_, timeout_)
                              : proxyStreamRequest(proxyPort_, streamPrompt_, model_, timeout_);
}

RunMeasurement LatencyBench::measure(Side side, Mode mode, LatencyResults& results) const {
    upstream_.reset();
    // The bare CLI is our child; the proxy's CLI is the proxy's, reaped before it answers.
    const pid_t accounted = side == Side::Bare ? ::getpid() : proxyPid_;
    const auto cpuBefore = cpuTimeOf(accounted);
    const RunMeasurement run = execute(side, mode);
    const auto cpuAfter = cpuTimeOf(accounted);
    const UpstreamTraffic traffic = upstream_.take();
    if (!run.ok) {
        results.failures.push_back(std::string(side == Side::Bare ? "bare CLI" : "proxy") +
                                   (mode == Mode::Json ? " non-stream: " : " stream: ") +
                                   run.error);
        return run;
    }
    const auto pick = [side](Series& series) -> std::vector<double>& {
        return side == Side::Bare ? series.bare : series.proxy;
    };
    const auto bytes = static_cast<double>(traffic.bodyBytes);
    const auto requests = static_cast<double>(traffic.requests);
    if (cpuBefore && cpuAfter) {
        double seconds = cpuAfter->reaped - cpuBefore->reaped;
        if (side == Side::Proxy) {
            seconds += cpuAfter->own - cpuBefore->own;
        }
        pick(mode == Mode::Json ? results.jsonCpu : results.streamCpu).push_back(1000.0 * seconds);
    }
    if (mode == Mode::Json) {
        pick(results.jsonTotal).push_back(run.totalMs);
        pick(results.jsonUpstreamBytes).push_back(bytes);
        pick(results.jsonUpstreamRequests).push_back(requests);
    } else {
        pick(results.streamFirstContent).push_back(run.firstContentMs);
        pick(results.streamTotal).push_back(run.totalMs);
        pick(results.streamUpstreamBytes).push_back(bytes);
        pick(results.streamUpstreamRequests).push_back(requests);
    }
    return run;
}

std::pair<RunMeasurement, RunMeasurement> LatencyBench::measurePair(bool bareFirst, Mode mode,
                                                                    LatencyResults& results) const {
    const RunMeasurement first = measure(bareFirst ? Side::Bare : Side::Proxy, mode, results);
    const RunMeasurement second = measure(bareFirst ? Side::Proxy : Side::Bare, mode, results);
    const RunMeasurement& bare = bareFirst ? first : second;
    const RunMeasurement& proxy = bareFirst ? second : first;
    if (bare.ok && proxy.ok) {
        if (mode == Mode::Json) {
            results.jsonTotalPaired.push_back(proxy.totalMs - bare.totalMs);
        } else {
            results.streamFirstContentPaired.push_back(proxy.firstContentMs - bare.firstContentMs);
            results.streamTotalPaired.push_back(proxy.totalMs - bare.totalMs);
        }
    }
    return {bare, proxy};
}

}  // namespace claude_proxy::bench
