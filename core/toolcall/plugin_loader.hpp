#pragma once

// Loads one plugin file and runs the handshake: dlopen (Boost.DLL, rtld_now | rtld_local), the
// entry symbol, the descriptor checks, the name, and the module's init hook.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "toolcall/plugin_handler.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::toolcall {

struct PluginLoad {
    std::shared_ptr<const ToolCallHandler> handler;  // set when the plugin was accepted
    std::string message;  // otherwise, one line: "<path>: refused: <reason>" or
                          // "<path>: cannot load: <reason>"
};

// The path a handler of that name was loaded from, or nothing when the name is free.
using LoadedFromFn = std::function<std::optional<std::string>(std::string_view name)>;

// Loads `path` (as given: a path without a directory is taken relative to the current
// directory, never searched for). A refused plugin is unloaded again before this returns and
// none of its hooks but init was called. Main thread only, before serving.
PluginLoad loadPlugin(const std::string& path, const LoadedFromFn& loadedFrom, PluginLogFn log);

}  // namespace claude_proxy::toolcall
