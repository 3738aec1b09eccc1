#pragma once

#include <string>

namespace claude_proxy::bench {

// What the figures were measured on.
struct MachineInfo {
    long cpus = 0;           // online CPUs (nproc)
    std::string cpuModel;    // "model name" from /proc/cpuinfo
    long memoryMb = 0;       // MemTotal from /proc/meminfo
    std::string kernel;      // uname -sr
    std::string cliVersion;  // `claude --version`, first line
    std::string date;        // today, UTC, YYYY-MM-DD
};

MachineInfo describeMachine(const std::string& cliPath);

// The 1, 5 and 15 minute load averages from /proc/loadavg ("0.52 0.31 0.20"): other work on
// the machine skews the figures, so the report shows it.
std::string loadAverage();

}  // namespace claude_proxy::bench
