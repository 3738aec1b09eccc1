#include "app/environment.hpp"

#include <csignal>

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/json_log_formatter.hpp"

extern char** environ;

namespace claude_proxy::app {

std::map<std::string, std::string> processEnvironment() {
    std::map<std::string, std::string> result;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const auto eq = text.find('=');
        if (eq != std::string::npos && eq > 0) {
            result[text.substr(0, eq)] = text.substr(eq + 1);
        }
    }
    return result;
}

namespace {

// Lines that may wait for the log writer. A stalled stdout (a full pipe nobody reads) must not
// stall requests: past this the oldest waiting line is dropped, and counted.
constexpr std::size_t kLogQueueLines = 8192;

}  // namespace

void configureLogging(const std::string& level, LogFormat format) {
    spdlog::init_thread_pool(kLogQueueLines, 1);
    auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    auto logger = std::make_shared<spdlog::async_logger>(
        "claude-proxy", sink, spdlog::thread_pool(), spdlog::async_overflow_policy::overrun_oldest);
    if (format == LogFormat::Json) {
        logger->set_formatter(std::make_unique<JsonLogFormatter>());
    } else {
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
    }
    logger->set_level(spdlog::level::from_str(level));
    logger->flush_on(spdlog::level::trace);
    spdlog::set_default_logger(logger);
}

std::uint64_t droppedLogLines() {
    const auto pool = spdlog::thread_pool();
    return pool ? static_cast<std::uint64_t>(pool->overrun_counter()) : 0;
}

void prepareSignals() {
    sigset_t termination;
    sigemptyset(&termination);
    sigaddset(&termination, SIGINT);
    sigaddset(&termination, SIGTERM);
    sigaddset(&termination, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &termination, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace claude_proxy::app
