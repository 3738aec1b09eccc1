#pragma once

#include <string>
#include <vector>

#include "toolcall/handler_registry.hpp"

namespace claude_proxy::app {

// Where plugins are looked for when no directory is configured: <prefix>/lib/claude-proxy/plugins
// next to the running binary (<prefix>/bin/claude-proxy), and the build tree's plugin folder
// when this binary is the one in the build tree.
std::vector<std::string> defaultPluginDirectories();

// Plugin log lines into spdlog, tagged with the module name.
toolcall::HandlerRegistry::LogFn pluginLog();

std::string joined(const std::vector<std::string>& items);

}  // namespace claude_proxy::app
