// The "evonic" tool-call handler's reply scanning (parseReply, its stream scanner,
// safeContentLength, checkRefusal, name matching) on any reply; the oracle is in
// handler_oracle.hpp.

#include <cstddef>
#include <cstdint>

#include "evonic/evonic_handler.hpp"
#include "handler_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const claude_proxy::plugins::EvonicHandler handler;
    claude_proxy::fuzz::checkHandler(handler, data, size);
    return 0;
}
