#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

// Keeping every process a CLI run starts inside that run's lifetime, also those that leave
// its process group (setsid) and so escape the group kill of process_runner:
//  - the proxy is a child subreaper (PR_SET_CHILD_SUBREAPER): a descendant whose parent dies
//    is re-parented to the proxy instead of to init, where it can be found and ended; the
//    runner ends every such orphan when a run finishes (an orphan is a leftover by definition:
//    the CLI's own children are its children, not ours, while it lives);
//  - where cgroup v2 is mounted and the proxy's own cgroup is writable (systemd's Delegate=yes,
//    a container with a private cgroup namespace, root), each run gets a cgroup of its own and
//    is ended with cgroup.kill, which reaches every process in it however it was started.
// The child is moved into its cgroup right after it is spawned; a descendant it starts within
// those microseconds would stay outside, and is still caught as an orphan.
namespace claude_proxy::cli {

// Makes this process a child subreaper and looks for a usable cgroup v2 tree (once; later
// calls do nothing). `allowCgroups` false: subreaper only. Returns a line for the start-up log.
std::string enableDescendantContainment(bool allowCgroups = true);

// True once a cgroup tree for runs was set up.
bool cgroupContainmentActive();

// Removes the cgroup tree for runs, when no run is left in it (server shutdown).
void releaseDescendantContainment();

// A cgroup for one run; ends everything in it and removes it when destroyed.
class RunCgroup {
  public:
    // nullptr when cgroups are not in use (or this one could not be made).
    static std::unique_ptr<RunCgroup> create();
    ~RunCgroup();
    RunCgroup(const RunCgroup&) = delete;
    RunCgroup& operator=(const RunCgroup&) = delete;

    // Moves `pid` into the cgroup; false when that failed.
    bool adopt(pid_t pid) const;
    // SIGKILLs every process in the cgroup at once (cgroup.kill) and waits, briefly, until it
    // is empty.
    void killAll() const;

  private:
    explicit RunCgroup(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

// The pids whose parent is `parent`, from /proc: for this process, every thread's "children"
// list (orphans are attached to some thread of the subreaper); otherwise, or when that list
// is not available, each /proc/<pid>/stat.
std::vector<pid_t> childrenOf(pid_t parent);

}  // namespace claude_proxy::cli
