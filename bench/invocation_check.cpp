#include "invocation_check.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include "support/process_census.hpp"

namespace claude_proxy::bench {
namespace {

constexpr std::string_view kRunPrefix = "claude-proxy-run-";
constexpr std::size_t kRunSuffixLength = 6;  // mkdtemp's XXXXXX
constexpr std::size_t kMaxReadChunks = 256;  // reads at most 1 MiB of argv or environment

std::optional<std::vector<std::string>> readNulSeparated(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::nullopt;
    }
    std::string content;
    char chunk[4096];
    for (std::size_t i = 0; i < kMaxReadChunks && file; ++i) {
        file.read(chunk, sizeof chunk);
        content.append(chunk, static_cast<std::size_t>(file.gcount()));
    }
    std::vector<std::string> items;
    std::size_t begin = 0;
    while (begin < content.size()) {
        std::size_t end = content.find('\0', begin);
        if (end == std::string::npos) {
            end = content.size();
        }
        items.push_back(content.substr(begin, end - begin));
        begin = end + 1;
    }
    return items;
}

// "…/claude-proxy-run-a1B2c3/…" becomes "…/claude-proxy-run-*/…".
std::string withoutRunDirectory(std::string text) {
    const std::size_t at = text.find(kRunPrefix);
    if (at != std::string::npos && at + kRunPrefix.size() + kRunSuffixLength <= text.size()) {
        text.replace(at + kRunPrefix.size(), kRunSuffixLength, "*");
    }
    return text;
}

std::vector<std::string> normalized(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    std::transform(items.begin(), items.end(), std::back_inserter(out), withoutRunDirectory);
    return out;
}

}  // namespace

std::optional<ProcessImage> readProcessImage(pid_t pid) {
    const std::string base = "/proc/" + std::to_string(pid);
    auto argv = readNulSeparated(base + "/cmdline");
    auto environment = readNulSeparated(base + "/environ");
    if (!argv || !environment || argv->empty()) {
        return std::nullopt;
    }
    return ProcessImage{std::move(*argv), std::move(*environment)};
}

std::optional<ProcessImage> captureChildRunning(pid_t parent, const std::string& executable,
                                                std::chrono::milliseconds timeout) {
    std::optional<ProcessImage> found;
    test_support::waitUntil(
        [&] {
            for (const pid_t child : test_support::childrenOf(parent)) {
                auto image = readProcessImage(child);
                // Right after the spawn the child may not have exec'd the CLI yet.
                if (image && image->argv.front() == executable) {
                    found = std::move(image);
                    return true;
                }
            }
            return false;
        },
        timeout, std::chrono::milliseconds(5));
    return found;
}

std::vector<std::string> invocationDifferences(const ProcessImage& proxyChild,
                                               const ProcessImage& bare) {
    std::vector<std::string> differences;
    const auto proxyArgv = normalized(proxyChild.argv);
    const auto bareArgv = normalized(bare.argv);
    if (proxyArgv != bareArgv) {
        std::string proxyLine;
        std::string bareLine;
        for (const auto& arg : proxyArgv) {
            proxyLine += " " + arg;
        }
        for (const auto& arg : bareArgv) {
            bareLine += " " + arg;
        }
        differences.push_back("argv: proxy ran" + proxyLine + "; bare runs" + bareLine);
    }

    const auto proxyEnv = normalized(proxyChild.environment);
    const auto bareEnv = normalized(bare.environment);
    const std::set<std::string> proxySet(proxyEnv.begin(), proxyEnv.end());
    const std::set<std::string> bareSet(bareEnv.begin(), bareEnv.end());
    for (const auto& entry : proxySet) {
        if (!bareSet.contains(entry)) {
            differences.push_back("environment: only the proxy's CLI has " + entry);
        }
    }
    for (const auto& entry : bareSet) {
        if (!proxySet.contains(entry)) {
            differences.push_back("environment: only the bare CLI has " + entry);
        }
    }
    return differences;
}

}  // namespace claude_proxy::bench
