#pragma once

#include <string>

namespace claude_proxy::cli {

// A private directory (mode 0700) for one CLI run, removed with everything in it when the
// object is destroyed. Layout: <root>/work (the CLI's empty working directory), <root>/tmp (its
// TMPDIR, which it litters), and files the proxy writes for it (the system prompt).
class RunDirectory {
  public:
    // Creates "<parent>/claude-proxy-run-XXXXXX". Throws std::system_error on failure.
    explicit RunDirectory(const std::string& parent);
    ~RunDirectory();
    RunDirectory(const RunDirectory&) = delete;
    RunDirectory& operator=(const RunDirectory&) = delete;

    const std::string& root() const { return root_; }
    std::string workPath() const { return root_ + "/work"; }
    std::string tmpPath() const { return root_ + "/tmp"; }

    // Writes `content` to <root>/<name> (mode 0600) and returns its path.
    std::string writeFile(const std::string& name, const std::string& content) const;

  private:
    std::string root_;
};

// The parent for run directories: `configured` if set, else $TMPDIR, else /tmp.
std::string defaultRunParent(const std::string& configured);

}  // namespace claude_proxy::cli
