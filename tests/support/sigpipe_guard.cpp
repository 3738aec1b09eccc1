#include "support/sigpipe_guard.hpp"

#include <csignal>
#include <mutex>

namespace claude_proxy::test_support {

void ignoreSigpipe() {
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

}  // namespace claude_proxy::test_support
