// A hooks table with two required hooks left NULL.
#include "raw_module.hpp"

namespace {

const cp_toolcall_hooks kHooks = [] {
    cp_toolcall_hooks hooks = test_plugin::kStubHooks;
    hooks.parse_reply = nullptr;
    hooks.check_refusal = nullptr;
    return hooks;
}();

}  // namespace

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor =
        test_plugin::module(test_plugin::literal("holes"), &kHooks);
    return &descriptor;
}
