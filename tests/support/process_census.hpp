#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <vector>

namespace claude_proxy::test_support {

// Live processes whose parent is `parent` (from /proc/*/stat), sorted.
std::vector<pid_t> childrenOf(pid_t parent);

// Children, grandchildren, … of `ancestor`, sorted.
std::vector<pid_t> descendantsOf(pid_t ancestor);

// True while `pid` runs. A zombie (dead, waiting to be reaped by its parent, which for an
// orphan may take a while) counts as not alive, unlike with kill(pid, 0).
bool isAlive(pid_t pid);

// Number of open descriptors of `pid` (entries of /proc/<pid>/fd); -1 if unreadable.
int openFdCount(pid_t pid);

// Polls `condition` every `interval` until it holds (true) or `timeout` passes (false; the
// condition is checked one last time). Use this instead of sleeping.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
               std::chrono::milliseconds interval = std::chrono::milliseconds(20));

}  // namespace claude_proxy::test_support
