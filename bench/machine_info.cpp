#include "machine_info.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>

#include "support/child_process.hpp"
#include "support/env_list.hpp"

namespace claude_proxy::bench {
namespace {

// The value after "<key>\t: " or "<key>: " on the first line starting with `key`.
std::string firstValue(const std::string& path, const std::string& key) {
    std::ifstream file(path);
    std::string line;
    for (int i = 0; i < 100000 && std::getline(file, line); ++i) {
        if (!line.starts_with(key)) {
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        const std::size_t begin = line.find_first_not_of(" \t", colon + 1);
        return begin == std::string::npos ? "" : line.substr(begin);
    }
    return "";
}

std::string cliVersionOf(const std::string& cliPath) {
    namespace test_support = ::claude_proxy::test_support;
    test_support::ChildSpec spec;
    spec.argv = {cliPath, "--version"};
    spec.environment =
        test_support::buildEnvironment({{"PATH", test_support::getEnv("PATH", "/usr/bin:/bin")},
                                        {"HOME", test_support::getEnv("HOME", "/tmp")},
                                        {"DISABLE_AUTOUPDATER", "1"}});
    const auto result = test_support::runToCompletion(spec, std::chrono::seconds(20));
    if (!result.status || !result.status->exitedWith(0)) {
        return "unknown";
    }
    const std::string& text = result.stdoutText;
    return text.substr(0, text.find('\n'));
}

std::string todayUtc() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char buffer[16] = {};
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts);
    return buffer;
}

}  // namespace

std::string loadAverage() {
    std::ifstream file("/proc/loadavg");
    std::string one;
    std::string five;
    std::string fifteen;
    if (!(file >> one >> five >> fifteen)) {
        return "unknown";
    }
    return one + " " + five + " " + fifteen;
}

MachineInfo describeMachine(const std::string& cliPath) {
    MachineInfo info;
    info.cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
    info.cpuModel = firstValue("/proc/cpuinfo", "model name");
    const std::string memory = firstValue("/proc/meminfo", "MemTotal");  // "24684352 kB"
    try {
        info.memoryMb = std::stol(memory) / 1024;
    } catch (const std::exception&) {
        info.memoryMb = 0;
    }
    utsname names{};
    if (::uname(&names) == 0) {
        info.kernel = std::string(names.sysname) + " " + names.release;
    }
    info.cliVersion = cliVersionOf(cliPath);
    info.date = todayUtc();
    return info;
}

}  // namespace claude_proxy::bench
