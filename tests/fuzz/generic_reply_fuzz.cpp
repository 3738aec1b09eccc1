// The "generic" tool-call handler's reply scanning (parseReply, its stream scanner,
// safeContentLength, checkRefusal) on any reply; the oracle is in handler_oracle.hpp.

#include <cstddef>
#include <cstdint>

#include "generic/generic_handler.hpp"
#include "handler_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const claude_proxy::plugins::GenericHandler handler;
    claude_proxy::fuzz::checkHandler(handler, data, size);
    return 0;
}
