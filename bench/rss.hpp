#pragma once

#include <sys/types.h>

#include <optional>
#include <string_view>

namespace claude_proxy::bench {

// A "<field>:   <n> kB" line of /proc/<pid>/status, in kB; nullopt when the process is gone or
// the field is missing. `field` is e.g. "VmRSS" (resident now) or "VmHWM" (resident at most).
std::optional<long> procStatusKb(pid_t pid, std::string_view field);

inline std::optional<long> residentKb(pid_t pid) {
    return procStatusKb(pid, "VmRSS");
}

inline std::optional<long> peakResidentKb(pid_t pid) {
    return procStatusKb(pid, "VmHWM");
}

}  // namespace claude_proxy::bench
