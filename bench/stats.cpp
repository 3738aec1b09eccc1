#include "stats.hpp"

#include <algorithm>

namespace claude_proxy::bench {

std::optional<Summary> summarize(std::vector<double> samples) {
    if (samples.empty()) {
        return std::nullopt;
    }
    std::sort(samples.begin(), samples.end());
    Summary summary;
    summary.count = samples.size();
    summary.min = samples.front();
    summary.max = samples.back();
    const std::size_t middle = samples.size() / 2;
    summary.median =
        samples.size() % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2.0;
    return summary;
}

}  // namespace claude_proxy::bench
