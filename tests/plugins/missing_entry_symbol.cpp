// A well-formed descriptor behind the wrong symbol name: the host finds no entry point.
#include "raw_module.hpp"

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v0(void) {
    static const cp_toolcall_module descriptor =
        test_plugin::module(test_plugin::literal("no-entry"), &test_plugin::kStubHooks);
    return &descriptor;
}
