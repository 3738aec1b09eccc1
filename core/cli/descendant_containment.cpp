#include "cli/descendant_containment.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

namespace claude_proxy::cli {
namespace {

constexpr std::chrono::milliseconds kEmptyWait{1000};

struct CgroupTree {
    std::mutex mutex;
    bool initialised = false;
    std::string base;  // "<mount><own cgroup>/claude-proxy-<pid>", empty when not in use
    std::atomic<unsigned long> next{0};
};

CgroupTree& tree() {
    static auto* instance = new CgroupTree;  // never destroyed: runs may end during exit
    return *instance;
}

bool writeFile(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return ok;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Where cgroup v2 is mounted ("/sys/fs/cgroup", or "/sys/fs/cgroup/unified" on hybrid
// systems), from /proc/self/mountinfo; empty when it is not.
std::string cgroup2Mount() {
    std::ifstream mounts("/proc/self/mountinfo");
    std::string line;
    while (std::getline(mounts, line)) {
        const auto dash = line.find(" - ");
        if (dash == std::string::npos || line.compare(dash + 3, 8, "cgroup2 ") != 0) {
            continue;
        }
        std::istringstream fields(line.substr(0, dash));
        std::string id, parent, device, root, mountPoint;
        fields >> id >> parent >> device >> root >> mountPoint;
        return mountPoint;
    }
    return {};
}

// This process's cgroup v2 path ("0::/path" in /proc/self/cgroup).
std::string ownCgroup() {
    std::ifstream groups("/proc/self/cgroup");
    std::string line;
    while (std::getline(groups, line)) {
        if (line.rfind("0::", 0) == 0) {
            return line.substr(3);
        }
    }
    return {};
}

std::string setUpCgroups() {
    const std::string mount = cgroup2Mount();
    const std::string own = ownCgroup();
    if (mount.empty() || own.empty()) {
        return {};
    }
    std::string ownPath = mount + (own == "/" ? "" : own);
    if (::access((ownPath + "/cgroup.procs").c_str(), W_OK) != 0) {
        return {};
    }
    const std::string base = ownPath + "/claude-proxy-" + std::to_string(::getpid());
    if (::mkdir(base.c_str(), 0755) != 0 && errno != EEXIST) {
        return {};
    }
    if (::access((base + "/cgroup.procs").c_str(), W_OK) != 0) {
        ::rmdir(base.c_str());
        return {};
    }
    return base;
}

}  // namespace

std::string enableDescendantContainment(bool allowCgroups) {
    CgroupTree& cgroups = tree();
    std::lock_guard lock(cgroups.mutex);
    if (cgroups.initialised) {
        return "descendant containment already set up";
    }
    cgroups.initialised = true;
    const bool subreaper = ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
    if (allowCgroups) {
        cgroups.base = setUpCgroups();
        if (!cgroups.base.empty()) {
            std::atexit(releaseDescendantContainment);
        }
    }
    std::string line = subreaper ? "CLI descendants: child subreaper"
                                 : "CLI descendants: "
                                   "subreaper unavailable";
    line += cgroups.base.empty() ? ", no writable cgroup v2 (process groups and orphan sweeps)"
                                 : ", a cgroup v2 per run under " + cgroups.base;
    return line;
}

bool cgroupContainmentActive() {
    CgroupTree& cgroups = tree();
    std::lock_guard lock(cgroups.mutex);
    return !cgroups.base.empty();
}

std::unique_ptr<RunCgroup> RunCgroup::create() {
    CgroupTree& cgroups = tree();
    std::string base;
    {
        std::lock_guard lock(cgroups.mutex);
        base = cgroups.base;
    }
    if (base.empty()) {
        return nullptr;
    }
    const std::string path = base + "/run-" + std::to_string(cgroups.next.fetch_add(1));
    if (::mkdir(path.c_str(), 0755) != 0) {
        return nullptr;
    }
    return std::unique_ptr<RunCgroup>(new RunCgroup(path));
}

RunCgroup::~RunCgroup() {
    killAll();
    ::rmdir(path_.c_str());
}

bool RunCgroup::adopt(pid_t pid) const {
    return writeFile(path_ + "/cgroup.procs", std::to_string(pid));
}

void RunCgroup::killAll() const {
    if (readFile(path_ + "/cgroup.events").find("populated 1") == std::string::npos) {
        return;
    }
    writeFile(path_ + "/cgroup.kill", "1");
    // cgroup.events changes (POLLPRI) when the cgroup empties.
    const auto deadline = std::chrono::steady_clock::now() + kEmptyWait;
    const int fd = ::open((path_ + "/cgroup.events").c_str(), O_RDONLY | O_CLOEXEC);
    while (std::chrono::steady_clock::now() < deadline &&
           readFile(path_ + "/cgroup.events").find("populated 1") != std::string::npos) {
        if (fd >= 0) {
            pollfd events{fd, POLLPRI, 0};
            ::poll(&events, 1, 20);
        } else {
            ::usleep(5000);
        }
    }
    if (fd >= 0) {
        ::close(fd);
    }
}

namespace {

// Children of this process from /proc/self/task/<tid>/children (cheap; needs
// CONFIG_PROC_CHILDREN). False when that interface is missing.
bool ownChildrenFromTasks(std::vector<pid_t>& children) {
    DIR* tasks = ::opendir("/proc/self/task");
    if (tasks == nullptr) {
        return false;
    }
    bool any = false;
    while (const dirent* entry = ::readdir(tasks)) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        std::ifstream list(std::string("/proc/self/task/") + entry->d_name + "/children");
        if (!list) {
            continue;
        }
        any = true;
        long pid = 0;
        while (list >> pid) {
            children.push_back(static_cast<pid_t>(pid));
        }
    }
    ::closedir(tasks);
    return any;
}

}  // namespace

std::vector<pid_t> childrenOf(pid_t parent) {
    std::vector<pid_t> children;
    if (parent == ::getpid() && ownChildrenFromTasks(children)) {
        return children;
    }
    DIR* proc = ::opendir("/proc");
    if (proc == nullptr) {
        return children;
    }
    while (const dirent* entry = ::readdir(proc)) {
        char* end = nullptr;
        const long pid = std::strtol(entry->d_name, &end, 10);
        if (pid <= 0 || end == nullptr || *end != '\0') {
            continue;
        }
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the
        // last ')'.
        const std::string stat = readFile("/proc/" + std::to_string(pid) + "/stat");
        const auto close = stat.rfind(')');
        if (close == std::string::npos) {
            continue;
        }
        std::istringstream fields(stat.substr(close + 1));
        std::string state;
        long ppid = 0;
        fields >> state >> ppid;
        if (ppid == parent) {
            children.push_back(static_cast<pid_t>(pid));
        }
    }
    ::closedir(proc);
    return children;
}

void releaseDescendantContainment() {
    CgroupTree& cgroups = tree();
    std::lock_guard lock(cgroups.mutex);
    if (!cgroups.base.empty() && ::rmdir(cgroups.base.c_str()) == 0) {
        cgroups.base.clear();
    }
}

}  // namespace claude_proxy::cli
