#pragma once

// Building blocks for test plugins written against the raw C ABI, which (unlike the SDK macro)
// can declare any descriptor. Every hook here succeeds and writes nothing; a test plugin copies
// kStubHooks and replaces what it breaks.

#include <cstdint>

#include "claude_proxy/toolcall_abi.h"

#define TEST_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

namespace test_plugin {

inline cp_str str(const char* text, std::uint64_t size) {
    return cp_str{text, size};
}

template <std::uint64_t N>
constexpr cp_str literal(const char (&text)[N]) {
    return cp_str{text, N - 1};
}

inline void write(cp_text_sink sink, cp_str text) {
    sink.append(sink.state, text);
}

inline std::int32_t init(const cp_host_api*, void** instance, cp_text_sink) {
    *instance = nullptr;
    return CP_STATUS_OK;
}

inline std::int32_t renderInstructions(void*, const cp_tool_request*, cp_text_sink, cp_text_sink) {
    return CP_STATUS_OK;
}

inline std::int32_t renderAssistantTurn(void*, cp_str, const cp_tool_call*, std::uint64_t,
                                        cp_text_sink, cp_text_sink) {
    return CP_STATUS_OK;
}

inline std::int32_t renderToolResult(void*, cp_str, cp_str, cp_str, cp_text_sink, cp_text_sink) {
    return CP_STATUS_OK;
}

inline std::int32_t parseReply(void*, const cp_tool_request*, cp_str, cp_reply_sink, cp_text_sink) {
    return CP_STATUS_OK;
}

inline std::int32_t safeContentLength(void*, const cp_tool_request*, cp_str, std::uint64_t* length,
                                      cp_text_sink) {
    *length = 0;
    return CP_STATUS_OK;
}

inline std::int32_t checkRefusal(void*, const cp_tool_request*, cp_str, std::int32_t,
                                 std::int32_t* isRefusal, cp_text_sink, cp_text_sink) {
    *isRefusal = 0;
    return CP_STATUS_OK;
}

inline constexpr cp_toolcall_hooks kStubHooks = {
    sizeof(cp_toolcall_hooks),
    &init,
    nullptr,
    &renderInstructions,
    &renderAssistantTurn,
    &renderToolResult,
    &parseReply,
    &safeContentLength,
    &checkRefusal,
    nullptr,  // no stream hooks: the host rescans with safe_content_length
    nullptr,
    nullptr,
};

// A well-formed descriptor of this header's ABI (1.1) named `name` over `hooks`.
constexpr cp_toolcall_module module(cp_str name, const cp_toolcall_hooks* hooks) {
    return cp_toolcall_module{sizeof(cp_toolcall_module),
                              CP_TOOLCALL_ABI_MAJOR,
                              CP_TOOLCALL_ABI_MINOR,
                              name,
                              literal("0.0.1"),
                              literal("a test plugin"),
                              hooks};
}

}  // namespace test_plugin
