#include "scenario.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <random>

namespace claude_proxy::soak {
namespace {

struct ScenarioInfo {
    Scenario scenario;
    std::string_view name;
    int weight;  // parts per hundred of the mix
    bool runsCli;
};

// Most of the mix is ordinary traffic; each fault is a few percent. Hangs hold a CLI slot for
// the whole request timeout, so they are rare.
constexpr std::array<ScenarioInfo, kScenarioCount> kScenarios = {{
    {Scenario::Chat, "chat", 16, true},
    {Scenario::Stream, "stream", 14, true},
    {Scenario::ToolCall, "tool call", 8, true},
    {Scenario::ToolStream, "tool call, streamed", 6, true},
    {Scenario::SlowStream, "slow stream", 5, true},
    {Scenario::Upstream429, "upstream 429", 4, true},
    {Scenario::Upstream500, "upstream 500", 4, true},
    {Scenario::Upstream529, "upstream 529", 4, true},
    {Scenario::UpstreamHang, "upstream hang", 2, true},
    {Scenario::MidstreamDrop, "mid-stream upstream drop", 4, true},
    {Scenario::CliKilled, "CLI killed (SIGKILL)", 3, true},
    {Scenario::AbortBeforeHead, "abort before head", 5, false},
    {Scenario::AbortAfterSend, "abort after send", 5, true},
    {Scenario::AbortMidStream, "abort mid-stream", 5, true},
    {Scenario::SlowHeader, "slow header", 3, false},
    {Scenario::OversizeBody, "body too large", 4, false},
    {Scenario::OversizeHead, "head over 32 KiB", 4, false},
    {Scenario::DeepJson, "JSON nested 200k deep", 4, false},
}};

const ScenarioInfo& infoOf(Scenario scenario) {
    return kScenarios[static_cast<std::size_t>(scenario)];
}

}  // namespace

std::string_view scenarioName(Scenario scenario) {
    return infoOf(scenario).name;
}

bool runsCli(Scenario scenario) {
    return infoOf(scenario).runsCli;
}

std::vector<PlannedRequest> planRequests(int count, std::uint32_t seed) {
    const int totalWeight = std::accumulate(kScenarios.begin(), kScenarios.end(), 0,
                                            [](int sum, const auto& s) { return sum + s.weight; });
    // Shares in proportion to the weights, at least one each; then trimmed from the largest, or
    // topped up in the order of the weights, until they add up to `count`.
    std::array<int, kScenarioCount> shares{};
    for (std::size_t i = 0; i < kScenarios.size(); ++i) {
        shares[i] = std::max(1, count * kScenarios[i].weight / totalWeight);
    }
    auto sum = [&shares] { return std::accumulate(shares.begin(), shares.end(), 0); };
    while (sum() > count) {
        --*std::max_element(shares.begin(), shares.end());
    }
    for (std::size_t i = 0; sum() < count; i = (i + 1) % shares.size()) {
        ++shares[i];  // the table starts with the heaviest scenarios
    }
    std::vector<Scenario> mix;
    for (std::size_t i = 0; i < kScenarios.size(); ++i) {
        mix.insert(mix.end(), static_cast<std::size_t>(shares[i]), kScenarios[i].scenario);
    }
    std::mt19937 random(seed);
    std::shuffle(mix.begin(), mix.end(), random);

    // Variants alternate within a scenario, so that each form shows up as often as the others.
    std::array<int, kScenarioCount> seen{};
    std::vector<PlannedRequest> plan;
    plan.reserve(mix.size());
    for (std::size_t i = 0; i < mix.size(); ++i) {
        PlannedRequest request;
        request.index = static_cast<int>(i);
        request.scenario = mix[i];
        request.variant = seen[static_cast<std::size_t>(mix[i])]++;
        request.seed = static_cast<std::uint32_t>(random());
        plan.push_back(request);
    }
    return plan;
}

}  // namespace claude_proxy::soak
