#pragma once

#include <string>

namespace claude_proxy::test_support {

// A fresh directory under /tmp (mkdtemp), removed with everything in it on destruction.
class ScratchDir {
  public:
    explicit ScratchDir(const std::string& prefix = "claude-proxy-test");
    ~ScratchDir();

    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::string& path() const { return path_; }

    // path()/relative, creating the directories on the way when `create` is set.
    std::string subdir(const std::string& relative, bool create = true) const;

    // Writes `content` to path()/relative (parents created) and returns the full path.
    std::string writeFile(const std::string& relative, const std::string& content) const;

  private:
    std::string path_;
};

}  // namespace claude_proxy::test_support
