#pragma once

#include <map>
#include <optional>
#include <string>

namespace claude_proxy::cli {

// Resolves the CLI executable: a value containing '/' is taken as a path; otherwise it is
// searched on `pathVariable` (colon-separated). Returns the absolute path of an executable
// regular file, or nullopt.
std::optional<std::string> locateExecutable(const std::string& nameOrPath,
                                            const std::string& pathVariable);

// Runs `<cli> --version` (no shell, bounded by a few seconds) and returns its first line
// trimmed, e.g. "2.1.330 (Claude Code)"; nullopt when it cannot be run or prints nothing.
std::optional<std::string> probeVersion(const std::string& cliPath,
                                        const std::map<std::string, std::string>& parentEnv);

}  // namespace claude_proxy::cli
