// Registers GenericHandler as the tool-call handler plugin "generic" (the default).
#include <claude_proxy/toolcall_handler.hpp>

#include "generic/generic_handler.hpp"

CLAUDE_PROXY_TOOLCALL_HANDLER(claude_proxy::plugins::GenericHandler, "generic", "1.0.0",
                              "Fenced ```tool_call JSON blocks; the default protocol")
