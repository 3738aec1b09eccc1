// An ABI 1.1 module with stream hooks that do what each delta tells them, so that the host's
// side of the stream hooks can be checked answer by answer:
//   "fail"   -> returns CP_STATUS_ERROR ("told to fail")
//   "throw"  -> lets an exception escape (what a module without the SDK might do)
//   "keep"   -> leaves *safe_length as the host passed it
//   "shrink" -> answers 0
//   "huge"   -> answers UINT64_MAX
//   anything else -> answers every byte fed so far
// It logs "begin <tools> tools", "feed <delta> entry=<*safe_length on entry> first
// tool=<name>" (read through the request kept since stream_begin) and "end after <n> bytes".
// stream_begin fails for a request without tools.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "rescan_hooks.hpp"

namespace {

using test_plugin::rescan::digits;
using test_plugin::rescan::log;
using test_plugin::rescan::view;

struct Scan {
    const cp_tool_request* request = nullptr;  // valid until stream_end, as ABI 1.1 promises
    std::uint64_t fed = 0;
};

void fail(cp_text_sink error, std::string_view why) {
    error.append(error.state, cp_str{why.data(), why.size()});
}

std::int32_t streamBegin(void*, const cp_tool_request* request, void** scan, cp_text_sink error) {
    if (request->tool_count == 0) {
        fail(error, "no tools to scan for");
        return CP_STATUS_ERROR;
    }
    log("begin " + digits(request->tool_count) + " tools");
    *scan = new Scan{request, 0};
    return CP_STATUS_OK;
}

std::int32_t streamFeed(void*, void* state, cp_str delta, std::uint64_t* safeLength,
                        cp_text_sink error) {
    auto& scan = *static_cast<Scan*>(state);
    const std::string_view text = view(delta);
    scan.fed += delta.size;
    log("feed " + std::string(text) + " entry=" + digits(*safeLength) +
        " first tool=" + std::string(view(scan.request->tools[0].name)));
    if (text == "fail") {
        fail(error, "told to fail");
        return CP_STATUS_ERROR;
    }
    if (text == "throw") {
        throw std::runtime_error("boom");
    }
    if (text == "shrink") {
        *safeLength = 0;
    } else if (text == "huge") {
        *safeLength = UINT64_MAX;
    } else if (text != "keep") {
        *safeLength = scan.fed;
    }
    return CP_STATUS_OK;
}

void streamEnd(void*, void* state) {
    auto* scan = static_cast<Scan*>(state);
    log("end after " + digits(scan->fed) + " bytes");
    delete scan;
}

const cp_toolcall_hooks kHooks = [] {
    cp_toolcall_hooks hooks = test_plugin::kStubHooks;
    hooks.init = &test_plugin::rescan::init;
    hooks.safe_content_length = &test_plugin::rescan::safeContentLength;
    hooks.stream_begin = &streamBegin;
    hooks.stream_feed = &streamFeed;
    hooks.stream_end = &streamEnd;
    return hooks;
}();

}  // namespace

TEST_PLUGIN_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    static const cp_toolcall_module descriptor =
        test_plugin::module(test_plugin::literal("scripted-stream"), &kHooks);
    return &descriptor;
}
