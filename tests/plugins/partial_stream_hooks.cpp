// An ABI 1.1 module with stream_begin but neither stream_feed nor stream_end: refused, since a
// scan it began could be neither fed nor ended.
#include "raw_module.hpp"

namespace {

std::int32_t streamBegin(void*, const cp_tool_request*, void** scan, cp_text_sink) {
    *scan = nullptr;
    return CP_STATUS_OK;
}

const cp_toolcall_hooks kHooks = [] {
    cp_toolcall_hooks hooks = test_plugin::kStubHooks;
    hooks.stream_begin = &streamBegin;
    return hooks;
}();

}  // namespace

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor =
        test_plugin::module(test_plugin::literal("half-stream"), &kHooks);
    return &descriptor;
}
