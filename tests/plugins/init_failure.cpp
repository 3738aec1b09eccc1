// init fails with a message: the host must refuse the plugin, quoting it.
#include "raw_module.hpp"

namespace {

std::int32_t failingInit(const cp_host_api*, void**, cp_text_sink error) {
    test_plugin::write(error, test_plugin::literal("missing API key for the weather service"));
    return CP_STATUS_ERROR;
}

const cp_toolcall_hooks kHooks = [] {
    cp_toolcall_hooks hooks = test_plugin::kStubHooks;
    hooks.init = &failingInit;
    return hooks;
}();

}  // namespace

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor =
        test_plugin::module(test_plugin::literal("init-failure"), &kHooks);
    return &descriptor;
}
