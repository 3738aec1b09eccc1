#include "cpu_time.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace claude_proxy::bench {

std::optional<CpuTime> cpuTimeOf(pid_t pid) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (!std::getline(file, stat)) {
        return std::nullopt;
    }
    // "pid (comm) state ppid …": the name may hold spaces and parentheses, so the fields are
    // counted after the last ')'. utime, stime, cutime, cstime are fields 14 to 17 of the line,
    // i.e. the 12th to 15th after the name.
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream fields(stat.substr(close + 1));
    std::string skipped;
    for (int i = 0; i < 11; ++i) {
        fields >> skipped;
    }
    long long utime = 0;
    long long stime = 0;
    long long cutime = 0;
    long long cstime = 0;
    if (!(fields >> utime >> stime >> cutime >> cstime)) {
        return std::nullopt;
    }
    const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    if (ticks <= 0.0) {
        return std::nullopt;
    }
    return CpuTime{static_cast<double>(utime + stime) / ticks,
                   static_cast<double>(cutime + cstime) / ticks};
}

}  // namespace claude_proxy::bench
