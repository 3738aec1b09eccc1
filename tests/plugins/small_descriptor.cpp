// Declares a descriptor of 12 bytes (just the version fields), too small for ABI 1.0.
#include "raw_module.hpp"

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor = [] {
        cp_toolcall_module module =
            test_plugin::module(test_plugin::literal("small"), &test_plugin::kStubHooks);
        module.struct_size = 12;
        return module;
    }();
    return &descriptor;
}
