#include "cli/run_directory.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace claude_proxy::cli {
namespace {

[[noreturn]] void throwErrno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void makePrivateDir(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) != 0) {
        throwErrno("mkdir " + path);
    }
}

}  // namespace

RunDirectory::RunDirectory(const std::string& parent) {
    std::string pattern = parent + "/claude-proxy-run-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) {
        throwErrno("mkdtemp in " + parent);
    }
    root_ = buffer.data();
    try {
        makePrivateDir(workPath());
        makePrivateDir(tmpPath());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
        throw;
    }
}

RunDirectory::~RunDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
}

std::string RunDirectory::writeFile(const std::string& name, const std::string& content) const {
    const std::string path = root_ + "/" + name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        throwErrno("create " + path);
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int saved = errno;
            ::close(fd);
            errno = saved;
            throwErrno("write " + path);
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return path;
}

std::string defaultRunParent(const std::string& configured) {
    if (!configured.empty()) {
        return configured;
    }
    if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') {
        return tmp;
    }
    return "/tmp";
}

}  // namespace claude_proxy::cli
