#include "toolcall/plugin_handler.hpp"

#include <boost/dll/shared_library.hpp>
#include <utility>

#include "toolcall/abi_bridge.hpp"
#include "toolcall/hook_call.hpp"

namespace claude_proxy::toolcall {

PluginHandler::PluginHandler(std::shared_ptr<boost::dll::shared_library> library,
                             const cp_toolcall_hooks& hooks, PluginIdentity identity,
                             PluginLogFn log)
    : library_(std::move(library)),
      hooks_(hooks),
      identity_(std::move(identity)),
      log_(std::move(log)) {
    hostApi_.struct_size = sizeof(cp_host_api);
    hostApi_.abi_major = CP_TOOLCALL_ABI_MAJOR;
    hostApi_.abi_minor = CP_TOOLCALL_ABI_MINOR;
    hostApi_.host_state = this;
    hostApi_.log = &PluginHandler::logThunk;
}

PluginHandler::~PluginHandler() {
    if (initialized_ && hooks_.shutdown != nullptr) {
        std::string escaped;
        invokeHook(escaped, [&] {
            hooks_.shutdown(instance_);
            return CP_STATUS_OK;
        });
        if (!escaped.empty() && log_) {
            try {
                log_(CP_LOG_ERROR, identity_.name, "shutdown: " + oneLine(escaped));
            } catch (...) {
            }
        }
    }
    // library_ is released after this body and after every other member: last.
}

std::optional<std::string> PluginHandler::initialize() {
    TextBuffer error;
    std::string escaped;
    void* instance = nullptr;
    const int32_t status =
        invokeHook(escaped, [&] { return hooks_.init(&hostApi_, &instance, error.sink()); });
    if (status == CP_STATUS_OK && escaped.empty()) {
        instance_ = instance;
        initialized_ = true;
        return std::nullopt;
    }
    const std::string reason = oneLine(!escaped.empty() ? escaped : error.text);
    return reason.empty() ? std::string("failed without a message") : reason;
}

void PluginHandler::logThunk(void* state, int32_t level, cp_str message) {
    try {
        const auto* self = static_cast<const PluginHandler*>(state);
        if (self == nullptr || !self->log_) {
            return;
        }
        const int clamped = level < CP_LOG_DEBUG   ? CP_LOG_DEBUG
                            : level > CP_LOG_ERROR ? CP_LOG_ERROR
                                                   : static_cast<int>(level);
        self->log_(clamped, self->identity_.name, oneLine(view(message), 4096));
    } catch (...) {
        // A failing log sink must not unwind into the module.
    }
}

void PluginHandler::check(const char* hook, int32_t status, const std::string& error,
                          const std::string& fault) const {
    throwIfHookFailed(identity_.name, hook, status, error, fault);
}

PluginHooksView PluginHandler::hooksView() const {
    return PluginHooksView{&hooks_, instance_, &identity_.name};
}

std::string PluginHandler::renderInstructions(const openai::ToolRequest& request) const {
    const CToolRequest cRequest(request);
    TextBuffer out;
    TextBuffer error;
    const int32_t status = invokeHook(error.text, [&] {
        return hooks_.render_instructions(instance_, cRequest.get(), out.sink(), error.sink());
    });
    check("render_instructions", status, error.text, out.fault);
    return std::move(out.text);
}

std::string PluginHandler::renderAssistantTurn(
    std::string_view content, const std::vector<openai::ToolCallRecord>& calls) const {
    const std::vector<cp_tool_call> cCalls = cToolCalls(calls);
    TextBuffer out;
    TextBuffer error;
    const int32_t status = invokeHook(error.text, [&] {
        return hooks_.render_assistant_turn(instance_, cStr(content),
                                            cCalls.empty() ? nullptr : cCalls.data(), cCalls.size(),
                                            out.sink(), error.sink());
    });
    check("render_assistant_turn", status, error.text, out.fault);
    return std::move(out.text);
}

std::string PluginHandler::renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                            std::string_view content) const {
    TextBuffer out;
    TextBuffer error;
    const int32_t status = invokeHook(error.text, [&] {
        return hooks_.render_tool_result(instance_, cStr(toolCallId), cStr(toolName), cStr(content),
                                         out.sink(), error.sink());
    });
    check("render_tool_result", status, error.text, out.fault);
    return std::move(out.text);
}

ParsedReply PluginHandler::parseReply(const openai::ToolRequest& request,
                                      std::string_view reply) const {
    const CToolRequest cRequest(request);
    ReplyBuffer out;
    TextBuffer error;
    const int32_t status = invokeHook(error.text, [&] {
        return hooks_.parse_reply(instance_, cRequest.get(), cStr(reply), out.sink(), error.sink());
    });
    check("parse_reply", status, error.text, out.fault);
    return std::move(out.reply);
}

std::size_t PluginHandler::safeContentLength(const openai::ToolRequest& request,
                                             std::string_view replySoFar) const {
    const CToolRequest cRequest(request);
    TextBuffer error;
    uint64_t length = 0;
    const int32_t status = invokeHook(error.text, [&] {
        return hooks_.safe_content_length(instance_, cRequest.get(), cStr(replySoFar), &length,
                                          error.sink());
    });
    check("safe_content_length", status, error.text, {});
    return clampSafeLength(replySoFar, length);
}

std::unique_ptr<ToolStreamScan> PluginHandler::beginStream(
    const openai::ToolRequest& request) const {
    if (hooks_.stream_begin != nullptr) {
        return std::make_unique<PluginStreamScan>(hooksView(), request);
    }
    return std::make_unique<PluginRescanScan>(hooksView(), request);
}

RefusalCheck PluginHandler::checkRefusal(const openai::ToolRequest& request, std::string_view reply,
                                         bool lastTurnWasToolResult) const {
    const CToolRequest cRequest(request);
    TextBuffer nudge;
    TextBuffer error;
    int32_t isRefusal = 0;
    const int32_t status = invokeHook(error.text, [&] {
        return hooks_.check_refusal(instance_, cRequest.get(), cStr(reply),
                                    lastTurnWasToolResult ? 1 : 0, &isRefusal, nudge.sink(),
                                    error.sink());
    });
    check("check_refusal", status, error.text, nudge.fault);
    RefusalCheck verdict;
    verdict.isRefusal = isRefusal != 0;
    if (verdict.isRefusal) {
        verdict.nudge = std::move(nudge.text);
    }
    return verdict;
}

}  // namespace claude_proxy::toolcall
