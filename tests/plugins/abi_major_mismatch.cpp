// Declares ABI 2.0: the host must refuse it without calling anything but the entry point.
#include "raw_module.hpp"

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor = [] {
        cp_toolcall_module module =
            test_plugin::module(test_plugin::literal("major-two"), &test_plugin::kStubHooks);
        module.abi_major = 2;
        module.abi_minor = 0;
        return module;
    }();
    return &descriptor;
}
