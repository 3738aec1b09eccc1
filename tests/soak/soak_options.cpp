#include "soak_options.hpp"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace claude_proxy::soak {
namespace {

struct NumberOption {
    std::string_view name;
    long min;
    long max;
    void (*store)(SoakOptions&, long);
};

const NumberOption kNumberOptions[] = {
    {"--requests", 20, 5000, [](SoakOptions& o, long v) { o.requests = static_cast<int>(v); }},
    {"--clients", 1, 128, [](SoakOptions& o, long v) { o.clients = static_cast<int>(v); }},
    {"--seed", 0, 2147483647L, [](SoakOptions& o, long v) { o.seed = static_cast<int>(v); }},
    {"--health-bound-ms", 50, 60000,
     [](SoakOptions& o, long v) { o.healthBound = std::chrono::milliseconds(v); }},
    {"--max-rss-mb", 8, 65536, [](SoakOptions& o, long v) { o.maxRssMb = v; }},
    {"--time-limit-s", 10, 7200,
     [](SoakOptions& o, long v) { o.timeLimit = std::chrono::seconds(v); }},
};

long parseBounded(const NumberOption& option, std::string_view text) {
    long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        value < option.min || value > option.max) {
        throw std::invalid_argument(
            std::string(option.name) + " wants a whole number from " + std::to_string(option.min) +
            " to " + std::to_string(option.max) + ", got '" + std::string(text) + "'");
    }
    return value;
}

// True when `arg` was `option` (its value taken from the next argument or after '=').
bool takeNumber(const NumberOption& option, int argc, const char* const* argv, int& i,
                SoakOptions& options) {
    const std::string_view arg = argv[i];
    if (arg == option.name) {
        if (i + 1 >= argc) {
            throw std::invalid_argument(std::string(option.name) + " needs a value");
        }
        option.store(options, parseBounded(option, argv[++i]));
        return true;
    }
    if (arg.starts_with(option.name) && arg.size() > option.name.size() &&
        arg[option.name.size()] == '=') {
        option.store(options, parseBounded(option, arg.substr(option.name.size() + 1)));
        return true;
    }
    return false;
}

}  // namespace

SoakOptions parseSoakOptions(int argc, const char* const* argv) {
    SoakOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            options.help = true;
            continue;
        }
        if (arg == "--full") {
            options.requests = 1000;
            options.clients = 32;
            continue;
        }
        if (arg == "--proxy-log" || arg.starts_with("--proxy-log=")) {
            if (arg == "--proxy-log" && i + 1 >= argc) {
                throw std::invalid_argument("--proxy-log needs a path");
            }
            options.proxyLog = arg == "--proxy-log" ? argv[++i] : arg.substr(12);
            continue;
        }
        bool matched = false;
        for (const auto& option : kNumberOptions) {
            if (takeNumber(option, argc, argv, i, options)) {
                matched = true;
                break;
            }
        }
        if (!matched) {
            throw std::invalid_argument("unknown argument '" + std::string(arg) + "' (try --help)");
        }
    }
    return options;
}

std::string soakUsage() {
    return "usage: claude_proxy_soak [--full] [--requests N] [--clients N] [--seed N]\n"
           "                         [--health-bound-ms N] [--max-rss-mb N] [--time-limit-s N]\n"
           "                         [--proxy-log PATH]\n"
           "\n"
           "Starts the mock Anthropic API and claude-proxy (--max-concurrency=4, real claude CLI)\n"
           "on 127.0.0.1 and drives a mix of chats, streams, tool calls, upstream failures,\n"
           "client aborts, killed CLIs, slow and oversized requests at it, while /health, the\n"
           "proxy's processes, descriptors and memory are watched. Prints a summary; exits 1\n"
           "when a check fails, 2 when the run could not be set up.\n"
           "\n"
           "  --full               the full form: 1000 requests from 32 clients\n"
           "  --requests N         requests in the mix (default 200)\n"
           "  --clients N          concurrent client threads (default 24)\n"
           "  --seed N             seed of the mix and of every random choice (default 1)\n"
           "  --health-bound-ms N  slowest /health answer allowed (default 1000)\n"
           "  --max-rss-mb N       largest proxy VmRSS allowed (default 128)\n"
           "  --time-limit-s N     no request starts after this (default 900)\n"
           "  --proxy-log PATH     write the proxy's log (access lines included) there\n";
}

}  // namespace claude_proxy::soak
