#include "toolcall/plugin_stream_scan.hpp"

#include "toolcall/hook_call.hpp"

namespace claude_proxy::toolcall {
namespace {

// A scan whose module failed once is not fed again: its state is unknown.
[[noreturn]] void throwAfterFailure(const PluginHooksView& plugin, const char* hook) {
    throw HandlerError(*plugin.module + ": " + hook + ": not called again after a failure");
}

}  // namespace

PluginStreamScan::PluginStreamScan(PluginHooksView plugin, const openai::ToolRequest& request)
    : plugin_(plugin), request_(request) {
    TextBuffer error;
    void* scan = nullptr;
    const int32_t status = invokeHook(error.text, [&] {
        return plugin_.hooks->stream_begin(plugin_.instance, request_.get(), &scan, error.sink());
    });
    throwIfHookFailed(*plugin_.module, "stream_begin", status, error.text, {});
    scan_ = scan;
}

PluginStreamScan::~PluginStreamScan() {
    std::string escaped;
    invokeHook(escaped, [&] {
        plugin_.hooks->stream_end(plugin_.instance, scan_);
        return CP_STATUS_OK;
    });
    // Nothing to report to: an exception escaping stream_end is dropped like one from shutdown.
}

std::size_t PluginStreamScan::feed(std::string_view delta) {
    if (failed_) {
        throwAfterFailure(plugin_, "stream_feed");
    }
    fed_ += delta.size();
    TextBuffer error;
    uint64_t length = safe_;  // the module sees its previous answer
    const int32_t status = invokeHook(error.text, [&] {
        return plugin_.hooks->stream_feed(plugin_.instance, scan_, cStr(delta), &length,
                                          error.sink());
    });
    if (status != CP_STATUS_OK) {
        failed_ = true;
    }
    throwIfHookFailed(*plugin_.module, "stream_feed", status, error.text, {});
    safe_ = advanceSafeLength(safe_, length, fed_);
    return static_cast<std::size_t>(safe_);
}

PluginRescanScan::PluginRescanScan(PluginHooksView plugin, const openai::ToolRequest& request)
    : plugin_(plugin), request_(request) {}

std::size_t PluginRescanScan::feed(std::string_view delta) {
    if (failed_) {
        throwAfterFailure(plugin_, "safe_content_length");
    }
    text_.append(delta);
    TextBuffer error;
    uint64_t length = 0;
    const int32_t status = invokeHook(error.text, [&] {
        return plugin_.hooks->safe_content_length(plugin_.instance, request_.get(), cStr(text_),
                                                  &length, error.sink());
    });
    if (status != CP_STATUS_OK) {
        failed_ = true;
    }
    throwIfHookFailed(*plugin_.module, "safe_content_length", status, error.text, {});
    safe_ = static_cast<std::size_t>(
        advanceSafeLength(safe_, clampSafeLength(text_, length), text_.size()));
    return safe_;
}

}  // namespace claude_proxy::toolcall
