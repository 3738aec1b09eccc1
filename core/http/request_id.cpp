#include "http/request_id.hpp"

#include <cstdio>
#include <random>

namespace claude_proxy::http {

std::string makeRequestId() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "req_%016llx",
                  static_cast<unsigned long long>(generator()));
    return buffer;
}

}  // namespace claude_proxy::http
