#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace claude_proxy::cli::test {

// A private directory under /tmp, removed with everything in it at scope exit.
class TempDir {
  public:
    TempDir() {
        std::string pattern = "/tmp/cli-unit-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = std::filesystem::canonical(pattern).string();
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::string& path() const { return path_; }

    // Writes `content` to `name` inside the directory with `mode`; returns the full path.
    std::string writeFile(const std::string& name, const std::string& content, mode_t mode) const {
        const std::string full = path_ + "/" + name;
        {
            std::ofstream out(full, std::ios::binary | std::ios::trunc);
            out << content;
        }
        ::chmod(full.c_str(), mode);
        return full;
    }

  private:
    std::string path_;
};

}  // namespace claude_proxy::cli::test
