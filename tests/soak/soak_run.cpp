#include "soak_run.hpp"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <semaphore>
#include <stdexcept>
#include <thread>

#include "bench/rss.hpp"
#include "cli_census.hpp"
#include "client_session.hpp"
#include "exchange.hpp"
#include "support/mock_anthropic.hpp"
#include "support/process_census.hpp"
#include "support/proxy_process.hpp"
#include "support/test_environment.hpp"

namespace claude_proxy::soak {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kHealthInterval{200};
constexpr milliseconds kHealthProbeTimeout{5000};
constexpr milliseconds kMonitorInterval{100};
constexpr milliseconds kSettleLimit{20000};
constexpr milliseconds kQuietBeforeBaseline{500};
constexpr milliseconds kStopGrace{20000};

void progress(const std::string& line) {
    std::cerr << "[soak] " << line << std::endl;
}

// One request of each ordinary kind, in turn, before anything is measured: the CLI's first
// run in a fresh HOME, the plugin's first use, the proxy's first stream.
void warmUp(const SessionContext& context) {
    progress("warm-up: a chat, a stream and a tool call");
    int index = -1;
    for (const Scenario scenario : {Scenario::Chat, Scenario::Stream, Scenario::ToolCall}) {
        PlannedRequest request;
        request.index = index--;
        request.scenario = scenario;
        const Outcome outcome = perform(request, context);
        if (outcomeLabel(outcome) != (scenario == Scenario::ToolCall ? "200 tool_calls" : "200")) {
            throw std::runtime_error("warm-up " + std::string(scenarioName(scenario)) +
                                     " failed: " + outcomeLabel(outcome) + " " + outcome.note);
        }
    }
}

// The targets of `now` that `before` did not have (as multisets).
std::vector<std::string> extraTargets(std::vector<std::string> before,
                                      std::vector<std::string> now) {
    std::vector<std::string> extra;
    std::set_difference(now.begin(), now.end(), before.begin(), before.end(),
                        std::back_inserter(extra));
    return extra;
}

// Runs the plan from `clients` threads; each takes the next request until none is left or
// the time limit has passed.
std::vector<Outcome> drive(const std::vector<PlannedRequest>& plan, const SessionContext& context,
                           int clients, std::chrono::seconds timeLimit) {
    std::vector<std::optional<Outcome>> slots(plan.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex printing;
    const auto stopStartingAt = Clock::now() + timeLimit;
    const std::size_t step = std::max<std::size_t>(1, plan.size() / 10);
    auto client = [&] {
        while (Clock::now() < stopStartingAt) {
            const std::size_t i = next++;
            if (i >= plan.size()) {
                return;
            }
            slots[i] = perform(plan[i], context);
            const std::size_t finished = ++done;
            if (finished % step == 0) {
                std::lock_guard lock(printing);
                progress(std::to_string(finished) + " of " + std::to_string(plan.size()) +
                         " requests done");
            }
        }
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back(client);
    }
    for (auto& thread : threads) {
        thread.join();
    }
    std::vector<Outcome> outcomes;
    for (auto& slot : slots) {
        if (slot) {
            outcomes.push_back(std::move(*slot));
        }
    }
    return outcomes;
}

// Waits (bounded) until the proxy has no child, holds no more descriptors than at the start,
// and the mock has finished every answer.
void settle(pid_t proxy, int baselineFds, const test_support::MockAnthropic& mock) {
    test_support::waitUntil([&] { return allChildrenOf(proxy).empty(); }, kSettleLimit,
                            milliseconds(50));
    test_support::waitUntil([&] { return test_support::openFdCount(proxy) <= baselineFds; },
                            kSettleLimit, milliseconds(50));
    mock.waitForRequests(
        [](const auto& requests) {
            return std::all_of(requests.begin(), requests.end(),
                               [](const auto& r) { return r.finished; });
        },
        kSettleLimit);
}

void countUpstream(const test_support::MockAnthropic& mock, SoakResult& result) {
    for (const auto& request : mock.requests()) {
        ++result.upstreamRequests;
        result.upstreamUnfinished += request.finished ? 0 : 1;
        result.upstreamClosedEarly += request.clientClosedEarly ? 1 : 0;
    }
}

}  // namespace

SoakResult runSoak(const SoakOptions& options) {
    SoakResult result;
    result.options = options;
    const std::string cli = test_support::requireClaudeCli();
    result.machine = bench::describeMachine(cli);
    result.loadBefore = bench::loadAverage();

    test_support::MockAnthropic mock;
    test_support::ProxyOptions proxyOptions;
    proxyOptions.cliPath = cli;
    proxyOptions.extraArgs = result.limits.proxyArguments();
    proxyOptions.startTimeout = milliseconds(30000);
    test_support::ProxyProcess proxy(mock, proxyOptions);
    progress("mock on port " + std::to_string(mock.port()) + ", proxy on port " +
             std::to_string(proxy.port()) + " (pid " + std::to_string(proxy.pid()) + ")");

    std::counting_semaphore<kMaxSlowClients> slowClients(kMaxSlowClients);
    SessionContext context;
    context.port = proxy.port();
    context.proxyPid = proxy.pid();
    context.mock = &mock;
    context.limits = result.limits;
    context.slowClients = &slowClients;

    warmUp(context);
    test_support::waitUntil([&] { return allChildrenOf(proxy.pid()).empty(); }, kSettleLimit);
    std::this_thread::sleep_for(kQuietBeforeBaseline);
    result.baselineFds = test_support::openFdCount(proxy.pid());
    const auto baselineTargets = openFdTargets(proxy.pid());
    result.startRssKb = bench::residentKb(proxy.pid()).value_or(0);
    mock.clearRequests();

    const auto plan = planRequests(options.requests, static_cast<std::uint32_t>(options.seed));
    result.planned = static_cast<int>(plan.size());
    progress(std::to_string(plan.size()) + " requests from " + std::to_string(options.clients) +
             " clients, --max-concurrency=" + std::to_string(result.limits.maxConcurrency));

    HealthSampler health(proxy.port(), kHealthInterval, kHealthProbeTimeout);
    ProxyMonitor monitor(proxy.pid(), kMonitorInterval);
    const auto loadStart = Clock::now();
    result.outcomes = drive(plan, context, options.clients, options.timeLimit);
    result.loadWallMs = millisSince(loadStart);

    progress("load done in " + std::to_string(static_cast<long>(result.loadWallMs / 1000)) +
             " s; settling");
    const auto settleStart = Clock::now();
    settle(proxy.pid(), result.baselineFds, mock);
    result.settleMs = millisSince(settleStart);
    result.health = health.stop();
    result.monitor = monitor.stop();

    result.endFds = test_support::openFdCount(proxy.pid());
    result.extraFds = extraTargets(baselineTargets, openFdTargets(proxy.pid()));
    result.endRssKb = bench::residentKb(proxy.pid()).value_or(0);
    result.childrenLeft = allChildrenOf(proxy.pid());
    result.strayCli = processesWithEnvironment("ANTHROPIC_BASE_URL=" + mock.baseUrl(), proxy.pid());
    countUpstream(mock, result);
    result.proxyRanThroughout = proxy.process().running() && !result.monitor.vanished;
    result.loadAfter = bench::loadAverage();

    proxy.sendSignal(SIGTERM);
    const auto exit = proxy.waitForExit(kStopGrace);
    result.proxyExit = exit ? exit->describe() : "still running after SIGTERM";
    result.proxyExitClean = exit && exit->exitedWith(0);
    result.log = summarizeProxyLog(proxy.output());
    if (!options.proxyLog.empty()) {
        std::ofstream(options.proxyLog) << proxy.output();
    }
    return result;
}

}  // namespace claude_proxy::soak
