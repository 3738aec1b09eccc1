#include "bench_options.hpp"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace claude_proxy::bench {
namespace {

struct IntOption {
    std::string_view name;
    int BenchOptions::*field;
    int min;
    int max;
};

constexpr IntOption kIntOptions[] = {
    {"--runs", &BenchOptions::runs, 1, 100},
    {"--streams", &BenchOptions::streams, 1, 64},
    {"--conversations", &BenchOptions::conversations, 0, 50},
    {"--turns", &BenchOptions::turns, 2, 20},
    {"--requests", &BenchOptions::requests, 1, 128},
    {"--cap", &BenchOptions::cap, 1, 64},
};

int parseBounded(const IntOption& option, std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        value < option.min || value > option.max) {
        throw std::invalid_argument(
            std::string(option.name) + " wants a whole number from " + std::to_string(option.min) +
            " to " + std::to_string(option.max) + ", got '" + std::string(text) + "'");
    }
    return value;
}

}  // namespace

BenchOptions parseBenchOptions(int argc, const char* const* argv) {
    BenchOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            options.help = true;
            continue;
        }
        bool matched = false;
        for (const auto& option : kIntOptions) {
            if (arg == option.name) {
                if (i + 1 >= argc) {
                    throw std::invalid_argument(std::string(option.name) + " needs a value");
                }
                options.*option.field = parseBounded(option, argv[++i]);
                matched = true;
            } else if (arg.starts_with(option.name) && arg.size() > option.name.size() &&
                       arg[option.name.size()] == '=') {
                options.*option.field = parseBounded(option, arg.substr(option.name.size() + 1));
                matched = true;
            }
            if (matched) {
                break;
            }
        }
        if (!matched) {
            throw std::invalid_argument("unknown argument '" + std::string(arg) + "' (try --help)");
        }
    }
    return options;
}

std::string benchUsage() {
    return "usage: claude_proxy_bench [--runs N] [--streams N] [--requests N] [--cap N]\n"
           "                          [--conversations N] [--turns N]\n"
           "\n"
           "Starts the mock Anthropic API and claude-proxy on 127.0.0.1 and reports the proxy's\n"
           "overhead against the bare claude CLI run with the same flags on the same mock.\n"
           "\n"
           "  --runs N      interleaved bare/proxy pairs per latency metric (default 10)\n"
           "  --streams N   concurrent streams while the proxy's RSS is sampled (default 16)\n"
           "  --requests N  concurrent requests against the concurrency cap (default 32)\n"
           "  --cap N       the proxy's --max-concurrency for that test (default 4)\n"
           "  --conversations N  multi-turn conversations per side, 0 to skip (default 4)\n"
           "  --turns N     turns per conversation (default 6)\n"
           "\n"
           "The CLI is $CLAUDE_PROXY_TEST_CLI, else .deps/claude-cli (packaging/"
           "install-test-cli.sh).\n";
}

}  // namespace claude_proxy::bench
