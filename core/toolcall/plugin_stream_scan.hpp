#pragma once

// The ToolStreamScan of a loaded plugin, made by PluginHandler::beginStream. Two kinds:
//   - PluginStreamScan over the ABI 1.1 stream hooks: each delta crosses the ABI once, the
//     request is converted to C once per reply, and the module resumes its own scan;
//   - PluginRescanScan for modules without them (ABI 1.0, or 1.1 with the hooks NULL): the
//     host keeps the text and asks safe_content_length on all of it for every delta.
// Both enforce what the host relies on whatever the module answers: the safe length never
// shrinks and never exceeds the bytes fed. Each scan is used by one thread at a time.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claude_proxy/toolcall_abi.h"
#include "openai/tool_types.hpp"
#include "toolcall/abi_bridge.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::toolcall {

// What a scan needs of its PluginHandler. Every pointer is the handler's and stays valid as
// long as the handler, which outlives its scans.
struct PluginHooksView {
    const cp_toolcall_hooks* hooks = nullptr;  // a full-size copy (descriptor_check: copyHooks)
    void* instance = nullptr;                  // what init returned
    const std::string* module = nullptr;       // the name, for error messages
};

class PluginStreamScan final : public ToolStreamScan {
  public:
    // Calls stream_begin; throws HandlerError when it fails (then stream_end is never called).
    // `request` must outlive this scan unchanged: the module may keep pointers into the C view
    // of it until stream_end.
    PluginStreamScan(PluginHooksView plugin, const openai::ToolRequest& request);
    // Calls stream_end, exactly once, also after a failed feed.
    ~PluginStreamScan() override;

    PluginStreamScan(const PluginStreamScan&) = delete;
    PluginStreamScan& operator=(const PluginStreamScan&) = delete;

    std::size_t feed(std::string_view delta) override;

  private:
    PluginHooksView plugin_;
    CToolRequest request_;  // built once; its address is what the module sees
    void* scan_ = nullptr;  // the module's scan object
    std::uint64_t fed_ = 0;
    std::uint64_t safe_ = 0;
    bool failed_ = false;
};

class PluginRescanScan final : public ToolStreamScan {
  public:
    // Calls nothing yet. `request` must outlive this scan unchanged.
    PluginRescanScan(PluginHooksView plugin, const openai::ToolRequest& request);

    PluginRescanScan(const PluginRescanScan&) = delete;
    PluginRescanScan& operator=(const PluginRescanScan&) = delete;

    std::size_t feed(std::string_view delta) override;

  private:
    PluginHooksView plugin_;
    CToolRequest request_;  // built once, not per delta
    std::string text_;      // the reply so far: what safe_content_length is shown every time
    std::size_t safe_ = 0;
    bool failed_ = false;
};

}  // namespace claude_proxy::toolcall
