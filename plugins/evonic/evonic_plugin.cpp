// Registers EvonicHandler as the tool-call handler plugin "evonic".
#include <claude_proxy/toolcall_handler.hpp>

#include "evonic/evonic_handler.hpp"

CLAUDE_PROXY_TOOLCALL_HANDLER(claude_proxy::plugins::EvonicHandler, "evonic", "1.0.0",
                              "The tool_call protocol tuned for agent hosts with many "
                              "namespaced tools")
