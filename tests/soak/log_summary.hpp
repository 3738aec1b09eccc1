#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::soak {

// What the proxy's own log says about the run (text format: "<time> <level> <message>").
struct LogSummary {
    std::map<int, int> accessStatuses;  // access lines of API requests by status (/health aside)
    int healthLines = 0;                // access lines of GET /health
    int warnings = 0;
    std::vector<std::string> errors;  // lines logged at error or critical level (a bug, each)
};

LogSummary summarizeProxyLog(std::string_view output);

}  // namespace claude_proxy::soak
