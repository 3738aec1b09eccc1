#pragma once

#include <string>
#include <string_view>

namespace claude_proxy::http {

// The path of a request target as routes are matched: without the query, without the "/v1"
// prefix (clients disagree on where the base URL ends), without a trailing slash. Pure.
std::string normalisedPath(std::string_view target);

// True for the operations routes (/health, /ready, /metrics) that must answer even while every
// API worker is busy: the connection layer serves them from a pool of their own. Pure.
bool isOperationsPath(std::string_view normalised);

}  // namespace claude_proxy::http
