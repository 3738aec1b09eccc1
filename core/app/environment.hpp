#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "app/settings.hpp"

namespace claude_proxy::app {

// This process's environment as a map (the last definition of a name wins).
std::map<std::string, std::string> processEnvironment();

// Sets up spdlog's default logger on stdout with the given level name, as text lines or (json)
// one JSON object per line. Lines are written by a thread of their own from a bounded queue:
// when stdout stalls, requests go on and the oldest waiting lines are dropped (counted).
void configureLogging(const std::string& level, LogFormat format);

// Log lines dropped so far because the queue was full.
std::uint64_t droppedLogLines();

// Blocks SIGINT, SIGTERM and SIGQUIT in the calling thread (call before any thread starts, so
// every thread inherits it and only the main thread's sigwait sees them) and ignores SIGPIPE.
void prepareSignals();

}  // namespace claude_proxy::app
