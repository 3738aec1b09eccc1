#include "cli/cli_locator.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "cli/cli_invocation.hpp"
#include "cli/process_runner.hpp"

namespace claude_proxy::cli {

namespace {

constexpr std::chrono::milliseconds kVersionTimeout{5000};
constexpr std::chrono::milliseconds kVersionKillGrace{1000};
constexpr std::size_t kVersionMaxOutput = 64 * 1024;

// A regular file (after following links) that this process may execute.
bool isExecutableFile(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
        return false;
    }
    // access(X_OK) alone would say yes to root for any file with some x bit; also require one.
    return (info.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0 && ::access(path.c_str(), X_OK) == 0;
}

std::string absolutePath(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    if (ec) {
        return path;
    }
    return absolute.lexically_normal().string();
}

std::string_view trimmed(std::string_view text) {
    const auto isSpace = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
    };
    while (!text.empty() && isSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && isSpace(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

std::optional<std::string> locateExecutable(const std::string& nameOrPath,
                                            const std::string& pathVariable) {
    if (nameOrPath.empty()) {
        return std::nullopt;
    }
    if (nameOrPath.find('/') != std::string::npos) {
        if (isExecutableFile(nameOrPath)) {
            return absolutePath(nameOrPath);
        }
        return std::nullopt;
    }
    std::size_t begin = 0;
    while (begin <= pathVariable.size()) {
        std::size_t end = pathVariable.find(':', begin);
        if (end == std::string::npos) {
            end = pathVariable.size();
        }
        const std::string dir = pathVariable.substr(begin, end - begin);
        // An empty entry would mean the current directory: never searched, on purpose.
        if (!dir.empty()) {
            const std::string candidate =
                dir.back() == '/' ? dir + nameOrPath : dir + "/" + nameOrPath;
            if (isExecutableFile(candidate)) {
                return absolutePath(candidate);
            }
        }
        begin = end + 1;
    }
    return std::nullopt;
}

std::optional<std::string> probeVersion(const std::string& cliPath,
                                        const std::map<std::string, std::string>& parentEnv) {
    std::string tmpDir = "/tmp";
    if (const auto it = parentEnv.find("TMPDIR"); it != parentEnv.end() && !it->second.empty()) {
        tmpDir = it->second;
    }
    ProcessSpec spec;
    spec.argv = {cliPath, "--version"};
    spec.environment = buildEnvironment(parentEnv, CliPatience{}, tmpDir);

    ProcessLimits limits;
    limits.totalTimeout = kVersionTimeout;
    limits.killGrace = kVersionKillGrace;
    limits.maxStdoutBytes = kVersionMaxOutput;

    const ProcessOutcome outcome = runProcess(spec, limits);
    if (outcome.ending != ProcessOutcome::Ending::Exited || outcome.exitCode != 0) {
        return std::nullopt;
    }
    const std::string_view out = outcome.stdoutData;
    const std::string_view firstLine = trimmed(out.substr(0, out.find('\n')));
    if (firstLine.empty()) {
        return std::nullopt;
    }
    return std::string(firstLine);
}

}  // namespace claude_proxy::cli
