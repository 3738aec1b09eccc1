#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace claude_proxy::bench {

// Median and spread of a set of samples.
struct Summary {
    std::size_t count = 0;
    double median = 0.0;  // the mean of the two middle values when the count is even
    double min = 0.0;
    double max = 0.0;
};

// nullopt when there are no samples.
std::optional<Summary> summarize(std::vector<double> samples);

}  // namespace claude_proxy::bench
