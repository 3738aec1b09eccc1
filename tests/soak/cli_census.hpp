#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace claude_proxy::soak {

// The arguments of a process (/proc/<pid>/cmdline); empty when it is gone.
std::vector<std::string> commandLineOf(pid_t pid);

// A CLI run found among the proxy's children, and the argument that tells it apart.
struct FoundCli {
    pid_t pid = 0;
    std::string argument;  // its "--system-prompt-file=<path>"
};

// The live child of `proxy` whose system prompt file (--system-prompt-file=<path> in its argv)
// holds `tag`, if any.
std::optional<FoundCli> childWithSystemPrompt(pid_t proxy, const std::string& tag);

// SIGKILL to `pid`, after checking once more that its argv holds `argument` (the pid may have
// been reused meanwhile). True when the signal was sent.
bool killIfStill(pid_t pid, const std::string& argument);

// Children of `parent` in any state, zombies included (a zombie the proxy never reaps is a
// leak too).
std::vector<pid_t> allChildrenOf(pid_t parent);

// Every process but `except` whose environment holds `entry` ("NAME=value"): the CLI runs of
// this soak carry the mock's address, so this finds one even after it left the proxy's tree.
std::vector<pid_t> processesWithEnvironment(const std::string& entry, pid_t except);

// The targets of /proc/<pid>/fd/* ("socket:[123]", "/dev/null", "pipe:[9]"), sorted.
std::vector<std::string> openFdTargets(pid_t pid);

}  // namespace claude_proxy::soak
