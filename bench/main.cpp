// claude_proxy_bench: the proxy's overhead against the bare claude CLI, both run with the same
// flags and environment against the same mock Anthropic API on loopback. Prints a table of
// medians over interleaved runs. A report, not a test: nothing here passes or fails on speed.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bare_cli_runner.hpp"
#include "bench_options.hpp"
#include "concurrent_load.hpp"
#include "conversation_bench.hpp"
#include "cpu_time.hpp"
#include "invocation_check.hpp"
#include "latency_bench.hpp"
#include "machine_info.hpp"
#include "process_sampler.hpp"
#include "proxy_client.hpp"
#include "report.hpp"
#include "rss.hpp"
#include "support/mock_anthropic.hpp"
#include "support/process_census.hpp"
#include "support/proxy_process.hpp"
#include "support/test_environment.hpp"
#include "upstream_log.hpp"

namespace claude_proxy::bench {
namespace {

namespace test_support = ::claude_proxy::test_support;
using std::chrono::milliseconds;

constexpr milliseconds kRequestTimeout{120000};
constexpr milliseconds kLoadTimeout{300000};
constexpr milliseconds kSampleInterval{20};
constexpr milliseconds kSamplerLimit{600000};
constexpr milliseconds kSettleTimeout{10000};
constexpr const char* kModel = "sonnet";
constexpr int kCapRounds = 2;

// The CLI's patience: passed to the proxy as flags, and the same values to the bare runner.
const cli::CliPatience kPatience{0, milliseconds(20000), milliseconds(30000), false};

// The mock replies "tok1 … tok8" in 8 deltas. Streams pause between deltas, so the first
// content byte and the end of the answer are apart; the held streams stay open about 2 s, so
// that all of them are in flight at once.
const std::string kJsonMarkers = "MOCK:deltas=8";
const std::string kStreamMarkers = "MOCK:deltas=8 MOCK:slow=25";
const std::string kHeldStreamMarkers = "MOCK:deltas=8 MOCK:slow=250";

ChatPrompt promptWith(const std::string& markers) {
    return {"You are a helpful assistant.", "Say hello. " + markers,
            "tok1 tok2 tok3 tok4 tok5 tok6 tok7 tok8"};
}

void progress(const std::string& line) {
    std::cerr << "[bench] " << line << std::endl;
}

test_support::ProxyOptions proxyOptions(const std::string& cliPath, int maxConcurrency) {
    test_support::ProxyOptions options;
    options.cliPath = cliPath;
    options.extraArgs = {
        "--max-concurrency=" + std::to_string(maxConcurrency),
        "--queue-timeout-ms=120000",
        "--cli-max-retries=" + std::to_string(kPatience.maxRetries),
        "--cli-api-timeout-ms=" + std::to_string(kPatience.apiTimeout.count()),
        "--cli-stream-idle-timeout-ms=" + std::to_string(kPatience.streamIdleTimeout.count()),
    };
    return options;
}

std::string describe(const MachineInfo& machine) {
    return std::to_string(machine.cpus) + " CPUs (" + machine.cpuModel + "), " +
           std::to_string(machine.memoryMb) + " MB RAM, " + machine.kernel + "; claude CLI " +
           machine.cliVersion + "; " + machine.date + " (UTC)";
}

// Waits until the proxy has no CLI child left, then reads its VmRSS.
long idleRssKb(pid_t proxyPid) {
    test_support::waitUntil([&] { return test_support::childrenOf(proxyPid).empty(); },
                            kSettleTimeout);
    return residentKb(proxyPid).value_or(0);
}

// The largest resident size any reaped child of ours reached: here, a bare CLI run.
long largestReapedChildKb() {
    rusage usage{};
    return ::getrusage(RUSAGE_CHILDREN, &usage) == 0 ? usage.ru_maxrss : 0;
}

// "612 ms" (the first content for streams), or "failed".
std::string brief(const RunMeasurement& run, Mode mode) {
    if (!run.ok) {
        return "failed";
    }
    const double ms = mode == Mode::Json ? run.totalMs : run.firstContentMs;
    return std::to_string(static_cast<long>(ms)) + " ms";
}

// "32 completed, 0 failed in 14512 ms".
std::string loadSummary(const LoadResult& load) {
    return std::to_string(load.completed) + " completed, " + std::to_string(load.failed) +
           " failed in " + std::to_string(static_cast<long>(load.wallMs)) + " ms";
}

// One unmeasured run of each kind on each side: page cache, the CLI's first-run files in HOME,
// the proxy's first request.
void warmUp(const LatencyBench& latency) {
    progress("warm-up: one bare run and one proxy request of each kind");
    LatencyResults discarded;
    for (const Mode mode : {Mode::Json, Mode::Stream}) {
        latency.measure(Side::Bare, mode, discarded);
        latency.measure(Side::Proxy, mode, discarded);
    }
    for (const auto& failure : discarded.failures) {
        progress("warm-up failed: " + failure);
    }
}

// Single requests, bare and proxy interleaved; the order flips every pair so that drift (page
// cache, CPU frequency, the mock's log) hits both sides alike.
LatencyResults measureLatency(const LatencyBench& latency, int runs) {
    LatencyResults results;
    for (int i = 0; i < runs; ++i) {
        const bool bareFirst = i % 2 == 0;
        std::string line = "pair " + std::to_string(i + 1) + "/" + std::to_string(runs) + " (" +
                           (bareFirst ? "bare" : "proxy") + " first):";
        for (const Mode mode : {Mode::Json, Mode::Stream}) {
            const auto [bareRun, proxyRun] = latency.measurePair(bareFirst, mode, results);
            line += mode == Mode::Json ? " total" : ", first content";
            line += " bare " + brief(bareRun, mode) + " / proxy " + brief(proxyRun, mode);
        }
        progress(line);
    }
    return results;
}

// `count` streams held open at once; the proxy sampled meanwhile, and one of its CLI children
// compared with the bare runner's invocation.
void measureStreams(test_support::ProxyProcess& proxy, const BareCliRunner& bare,
                    const std::string& cliPath, BenchFigures& figures) {
    const int count = figures.options.streams;
    progress(std::to_string(count) + " concurrent streams");
    const ChatPrompt held = promptWith(kHeldStreamMarkers);
    std::optional<ProcessImage> proxyChild;
    ProcessSampler sampler(proxy.pid(), kSampleInterval, kSamplerLimit);
    std::thread capture(
        [&] { proxyChild = captureChildRunning(proxy.pid(), cliPath, kRequestTimeout); });
    figures.streams = runConcurrently(count, count, [&](std::string& error) {
        const auto run = proxyStreamRequest(proxy.port(), held, kModel, kLoadTimeout);
        error = run.error;
        return run.ok;
    });
    capture.join();
    figures.streamSamples = sampler.stop();
    figures.proxyHwmKb = peakResidentKb(proxy.pid()).value_or(0);

    if (!proxyChild) {
        figures.invocationDifferences = {"no CLI child of the proxy could be read"};
        return;
    }
    // The run directory's random suffix is compared as a placeholder.
    const std::string runDir = bare.runParent() + "/claude-proxy-run-XXXXXX";
    const ProcessImage bareImage{bare.argv(), bare.environment(runDir + "/tmp")};
    figures.invocationDifferences = invocationDifferences(*proxyChild, bareImage);
}

// The concurrency cap: `requests` requests at once at a proxy started with
// --max-concurrency=cap, against the same CLI runs through a pool of `cap` threads. Two rounds,
// the order flipped in the second, since one such burst is easily swayed by other work.
void measureCap(const test_support::MockAnthropic& mock, pid_t proxyPid, const BareCliRunner& bare,
                const std::string& cliPath, BenchFigures& figures) {
    const int requests = figures.options.requests;
    const int cap = figures.options.cap;
    const ChatPrompt prompt = promptWith(kJsonMarkers);

    test_support::ProxyProcess capped(mock, proxyOptions(cliPath, cap));
    // Its HOME is new: one unmeasured request lets the CLI make its first-run files there, as
    // the bare runs and the first proxy already did in theirs.
    const auto warm = proxyJsonRequest(capped.port(), prompt, kModel, kRequestTimeout);
    if (!warm.ok) {
        progress("warm-up failed: " + warm.error);
    }

    // Both sides are sampled the same way (the sampling costs a little CPU): the proxy's
    // children, and ours apart from the mock and the proxies, i.e. the bare CLI runs.
    const std::vector<pid_t> notCli = {mock.pid(), proxyPid, capped.pid()};
    const auto barePool = [&] {
        ProcessSampler sampler(::getpid(), kSampleInterval, kSamplerLimit, notCli);
        const auto before = cpuTimeOf(::getpid());
        figures.barePool.push_back(runConcurrently(requests, cap, [&](std::string& error) {
            const auto run = bare.runJson(prompt, kLoadTimeout);
            error = run.error;
            return run.ok;
        }));
        const auto after = cpuTimeOf(::getpid());
        if (before && after) {
            // Only the bare CLI runs are reaped meanwhile: the mock and the proxies live on.
            figures.barePoolCliCpuSeconds += after->reaped - before->reaped;
        }
        const SampleReport report = sampler.stop();
        figures.barePoolMaxChildren = std::max(figures.barePoolMaxChildren, report.maxChildren);
        progress(std::to_string(requests) + " bare CLI runs, " + std::to_string(cap) +
                 " at a time: " + loadSummary(figures.barePool.back()));
    };
    const auto proxyBurst = [&] {
        ProcessSampler sampler(capped.pid(), kSampleInterval, kSamplerLimit);
        const auto before = cpuTimeOf(capped.pid());
        figures.capped.push_back(runConcurrently(requests, requests, [&](std::string& error) {
            const auto run = proxyJsonRequest(capped.port(), prompt, kModel, kLoadTimeout);
            error = run.error;
            return run.ok;
        }));
        const auto after = cpuTimeOf(capped.pid());
        if (before && after) {
            figures.cappedCliCpuSeconds += after->reaped - before->reaped;
            figures.cappedProxyCpuSeconds += after->own - before->own;
        }
        const SampleReport report = sampler.stop();
        figures.cappedMaxChildren = std::max(figures.cappedMaxChildren, report.maxChildren);
        progress(std::to_string(requests) + " concurrent proxy requests, --max-concurrency=" +
                 std::to_string(cap) + ": " + loadSummary(figures.capped.back()));
    };
    for (int round = 0; round < kCapRounds; ++round) {
        if (round % 2 == 0) {
            barePool();
            proxyBurst();
        } else {
            proxyBurst();
            barePool();
        }
    }
}

int runBench(const BenchOptions& options) {
    const std::string cliPath = test_support::requireClaudeCli();
    BenchFigures figures;
    figures.options = options;
    figures.machine = describe(describeMachine(cliPath));
    figures.jsonMarkers = kJsonMarkers;
    figures.streamMarkers = kStreamMarkers;
    figures.loadBefore = loadAverage();
    std::cout << "machine: " << figures.machine << "; load average " << figures.loadBefore
              << std::endl;

    progress("starting the mock Anthropic API and the proxy on 127.0.0.1");
    const test_support::MockAnthropic mock;
    const UpstreamLog upstream(mock);
    test_support::ProxyProcess proxy(mock, proxyOptions(cliPath, options.streams));
    // The proxy's own environment is the parent environment the bare runs are built from.
    const BareCliRunner bare(cliPath, proxy.environment(), kPatience, kModel);
    const LatencyBench latency(bare, proxy.port(), proxy.pid(), kModel, upstream,
                               promptWith(kJsonMarkers), promptWith(kStreamMarkers),
                               kRequestTimeout);

    warmUp(latency);
    figures.idleRssKb = idleRssKb(proxy.pid());
    figures.latency = measureLatency(latency, options.runs);
    figures.idleAfterRssKb = idleRssKb(proxy.pid());
    figures.cliPeakRssKb = largestReapedChildKb();
    measureStreams(proxy, bare, cliPath, figures);
    measureCap(mock, proxy.pid(), bare, cliPath, figures);
    ConversationFigures conversations;
    if (options.conversations > 0) {
        conversations =
            measureConversations(mock, cliPath, proxyOptions(cliPath, 4).extraArgs, bare, kModel,
                                 options.conversations, options.turns, kRequestTimeout);
    }

    figures.loadAfter = loadAverage();
    std::cout << "\n" << renderReport(figures);
    if (options.conversations > 0) {
        std::cout << renderConversations(conversations);
    }
    std::cout << std::flush;
    return cleanRun(figures) && conversations.failures.empty() ? 0 : 1;
}

}  // namespace
}  // namespace claude_proxy::bench

int main(int argc, char** argv) {
    using namespace claude_proxy::bench;
    try {
        const BenchOptions options = parseBenchOptions(argc, argv);
        if (options.help) {
            std::cout << benchUsage();
            return 0;
        }
        return runBench(options);
    } catch (const std::exception& error) {
        std::cerr << "claude_proxy_bench: " << error.what() << "\n";
        return 2;
    }
}
