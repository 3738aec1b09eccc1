// An ABI 1.1 module whose stream hooks are NULL: the host must stream it through
// safe_content_length, as it does a 1.0 module.
#include "rescan_hooks.hpp"

namespace {

const cp_toolcall_hooks kHooks = [] {
    cp_toolcall_hooks hooks = test_plugin::kStubHooks;
    hooks.init = &test_plugin::rescan::init;
    hooks.parse_reply = &test_plugin::rescan::parseReply;
    hooks.safe_content_length = &test_plugin::rescan::safeContentLength;
    return hooks;
}();

}  // namespace

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor =
        test_plugin::module(test_plugin::literal("no-stream-hooks"), &kHooks);
    return &descriptor;
}
