// Declares ABI 1.5, newer than the host's 1.0: it may rely on hooks the host does not know.
#include "raw_module.hpp"

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor = [] {
        cp_toolcall_module module =
            test_plugin::module(test_plugin::literal("minor-five"), &test_plugin::kStubHooks);
        module.abi_minor = 5;
        return module;
    }();
    return &descriptor;
}
