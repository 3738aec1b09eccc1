#pragma once

#include <sys/types.h>

#include <optional>

namespace claude_proxy::bench {

// CPU seconds (user + system) from /proc/<pid>/stat; nullopt when the process is gone.
struct CpuTime {
    double own = 0.0;     // the process itself (utime + stime)
    double reaped = 0.0;  // its children it has waited for (cutime + cstime)
};

std::optional<CpuTime> cpuTimeOf(pid_t pid);

}  // namespace claude_proxy::bench
