#pragma once

#include <functional>
#include <string>
#include <vector>

namespace claude_proxy::bench {

struct LoadResult {
    int completed = 0;
    int failed = 0;
    double wallMs = 0.0;                // from the first start to the last end
    std::vector<std::string> failures;  // the first few reasons
};

// One job: true when it succeeded, otherwise false with `error` set.
using Job = std::function<bool(std::string& error)>;

// Runs `jobs` jobs on `workers` threads (each thread takes the next job until none is left):
// workers == jobs fires them all at once. Every job must be bounded in time itself.
LoadResult runConcurrently(int jobs, int workers, const Job& job);

}  // namespace claude_proxy::bench
