#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace claude_proxy::bench {

// A running process's argv and environment, from /proc/<pid>/cmdline and /proc/<pid>/environ.
struct ProcessImage {
    std::vector<std::string> argv;
    std::vector<std::string> environment;  // "NAME=value"
};

std::optional<ProcessImage> readProcessImage(pid_t pid);

// The argv and environment of a child of `parent` that has exec'd `executable` (argv[0]),
// polled until `timeout`; nullopt when none showed up.
std::optional<ProcessImage> captureChildRunning(pid_t parent, const std::string& executable,
                                                std::chrono::milliseconds timeout);

// How the CLI invocation the proxy made differs from the bare runner's, one line per
// difference; empty when identical. The per-run directory name ("claude-proxy-run-XXXXXX", in
// --system-prompt-file= and TMPDIR) is ignored; the order of environment entries too.
std::vector<std::string> invocationDifferences(const ProcessImage& proxyChild,
                                               const ProcessImage& bare);

}  // namespace claude_proxy::bench
