#include "app/environment.hpp"

#include <csignal>

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

void configureLogging(const std::string& level, LogFormat format) {
    auto logger = spdlog::stdout_logger_mt("claude-proxy");
    if (format == LogFormat::Json) {
        logger->set_formatter(std::make_unique<JsonLogFormatter>());
    } else {
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
    }
    logger->set_level(spdlog::level::from_str(level));
    logger->flush_on(spdlog::level::trace);
    spdlog::set_default_logger(logger);
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
