#pragma once

// ToolCallHandler over the C hooks of one loaded plugin. Made only by the plugin loader.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "claude_proxy/toolcall_abi.h"
#include "toolcall/plugin_stream_scan.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace boost::dll {
class shared_library;
}

namespace claude_proxy::toolcall {

// Receives the log lines of a plugin: level is CP_LOG_DEBUG..CP_LOG_ERROR (0..3). Called from
// any thread, concurrently.
using PluginLogFn =
    std::function<void(int level, const std::string& module, const std::string& message)>;

struct PluginIdentity {
    std::string name;
    std::string version;
    std::string description;
    std::string path;
};

class PluginHandler final : public ToolCallHandler {
  public:
    // `library` stays loaded as long as this object lives; `hooks` is a full-size copy of the
    // module's table (checked: every required hook is set, the stream hooks all or none).
    // Does not call init yet.
    PluginHandler(std::shared_ptr<boost::dll::shared_library> library,
                  const cp_toolcall_hooks& hooks, PluginIdentity identity, PluginLogFn log);
    // Calls the shutdown hook (when init succeeded), then lets the library go.
    ~PluginHandler() override;

    PluginHandler(const PluginHandler&) = delete;
    PluginHandler& operator=(const PluginHandler&) = delete;

    // Calls the init hook once, on the main thread, before any other use. Returns the
    // module's reason when it fails; the object must then be discarded (shutdown is not called).
    std::optional<std::string> initialize();

    const std::string& name() const override { return identity_.name; }
    const std::string& version() const override { return identity_.version; }
    const std::string& description() const override { return identity_.description; }
    const std::string& path() const override { return identity_.path; }

    std::string renderInstructions(const openai::ToolRequest& request) const override;
    std::string renderAssistantTurn(
        std::string_view content, const std::vector<openai::ToolCallRecord>& calls) const override;
    std::string renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                 std::string_view content) const override;
    ParsedReply parseReply(const openai::ToolRequest& request,
                           std::string_view reply) const override;
    std::size_t safeContentLength(const openai::ToolRequest& request,
                                  std::string_view replySoFar) const override;
    // Over the stream hooks when the module has them (ABI 1.1), else rescanning with
    // safe_content_length. The scan must be destroyed before this handler.
    std::unique_ptr<ToolStreamScan> beginStream(const openai::ToolRequest& request) const override;
    RefusalCheck checkRefusal(const openai::ToolRequest& request, std::string_view reply,
                              bool lastTurnWasToolResult) const override;

  private:
    static void logThunk(void* state, int32_t level, cp_str message);

    // Throws HandlerError("<module>: <hook>: <reason>") when the hook failed.
    void check(const char* hook, int32_t status, const std::string& error,
               const std::string& fault) const;

    // What a stream scan of this handler calls.
    PluginHooksView hooksView() const;

    // Declared first so that it is destroyed last: the library outlives everything else here.
    std::shared_ptr<boost::dll::shared_library> library_;
    cp_toolcall_hooks hooks_;
    PluginIdentity identity_;
    PluginLogFn log_;
    cp_host_api hostApi_{};  // its address is given to the module: this object never moves
    void* instance_ = nullptr;
    bool initialized_ = false;
};

}  // namespace claude_proxy::toolcall
