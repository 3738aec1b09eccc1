#pragma once

#include <string>

namespace claude_proxy::http {

// A short random id ("req_" + 16 hex digits) tying a response header to its log lines.
std::string makeRequestId();

}  // namespace claude_proxy::http
