// A module exactly as an ABI 1.0 build made it: its descriptor says 1.0 and its hooks table is
// the 1.0 struct, 72 bytes, without the stream hooks. The table is placed at the very end of a
// readable page that is followed by an inaccessible one, so a host reading past the size the
// module declared crashes the test instead of reading whatever happens to follow.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>

#include "rescan_hooks.hpp"

namespace {

// cp_toolcall_hooks as toolcall_abi.h defined it in ABI 1.0.
struct HooksV1_0 {
    std::uint32_t struct_size;
    std::int32_t (*init)(const cp_host_api*, void**, cp_text_sink);
    void (*shutdown)(void*);
    std::int32_t (*render_instructions)(void*, const cp_tool_request*, cp_text_sink, cp_text_sink);
    std::int32_t (*render_assistant_turn)(void*, cp_str, const cp_tool_call*, std::uint64_t,
                                          cp_text_sink, cp_text_sink);
    std::int32_t (*render_tool_result)(void*, cp_str, cp_str, cp_str, cp_text_sink, cp_text_sink);
    std::int32_t (*parse_reply)(void*, const cp_tool_request*, cp_str, cp_reply_sink, cp_text_sink);
    std::int32_t (*safe_content_length)(void*, const cp_tool_request*, cp_str, std::uint64_t*,
                                        cp_text_sink);
    std::int32_t (*check_refusal)(void*, const cp_tool_request*, cp_str, std::int32_t,
                                  std::int32_t*, cp_text_sink, cp_text_sink);
};
static_assert(sizeof(HooksV1_0) == offsetof(cp_toolcall_hooks, stream_begin),
              "the 1.0 table is the 1.1 table without its stream hooks");

const cp_toolcall_hooks* tableBeforeGuardPage() {
    const HooksV1_0 table = {sizeof(HooksV1_0),
                             &test_plugin::rescan::init,
                             nullptr,
                             &test_plugin::renderInstructions,
                             &test_plugin::renderAssistantTurn,
                             &test_plugin::renderToolResult,
                             &test_plugin::rescan::parseReply,
                             &test_plugin::rescan::safeContentLength,
                             &test_plugin::checkRefusal};
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    void* memory =
        ::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
        return nullptr;  // refused as "no hooks table"
    }
    char* base = static_cast<char*>(memory);
    ::mprotect(base + page, page, PROT_NONE);
    char* at = base + page - sizeof(HooksV1_0);
    std::memcpy(at, &table, sizeof(table));
    // Never unmapped: the host may hold these pointers until the library is unloaded.
    return reinterpret_cast<const cp_toolcall_hooks*>(at);
}

}  // namespace

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor = [] {
        cp_toolcall_module module =
            test_plugin::module(test_plugin::literal("abi-one-oh"), tableBeforeGuardPage());
        module.abi_minor = 0;
        return module;
    }();
    return &descriptor;
}
