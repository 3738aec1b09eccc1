#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace claude_proxy::soak {

// Children of `parent` in any state, zombies included (a zombie the proxy never reaps is a
// leak too).
std::vector<pid_t> allChildrenOf(pid_t parent);

// Every process but `except` whose environment holds `entry` ("NAME=value"): the CLI runs of
// this soak carry the mock's address, so this finds one even after it left the proxy's tree.
std::vector<pid_t> processesWithEnvironment(const std::string& entry, pid_t except);

// The targets of /proc/<pid>/fd/* ("socket:[123]", "/dev/null", "pipe:[9]"), sorted.
std::vector<std::string> openFdTargets(pid_t pid);

}  // namespace claude_proxy::soak
