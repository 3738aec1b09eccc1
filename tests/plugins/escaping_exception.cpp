// Breaks the contract: a hook lets a C++ exception escape through the C ABI. The host must
// still turn it into a failed call (HandlerError), not crash.
#include <stdexcept>

#include "raw_module.hpp"

namespace {

std::int32_t throwingToolResult(void*, cp_str, cp_str, cp_str, cp_text_sink, cp_text_sink) {
    throw std::runtime_error("escaped from render_tool_result");
}

const cp_toolcall_hooks kHooks = [] {
    cp_toolcall_hooks hooks = test_plugin::kStubHooks;
    hooks.render_tool_result = &throwingToolResult;
    return hooks;
}();

}  // namespace

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor =
        test_plugin::module(test_plugin::literal("escaping"), &kHooks);
    return &descriptor;
}
