#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/settings.hpp"

namespace claude_proxy::app {

// The path of the running binary (/proc/self/exe); empty when it cannot be read.
std::string runningExecutablePath();

// The configuration files looked for when none is named, in order:
// <prefix>/etc/claude-proxy/claude-proxy.properties for a binary at <prefix>/bin/claude-proxy,
// then /etc/claude-proxy/claude-proxy.properties. Pure.
std::vector<std::string> defaultConfigPaths(const std::string& executablePath);

// The configuration file's values: `explicitPath` when given (it must exist and be readable);
// otherwise the first of defaultConfigPaths() for this binary that exists, or no values at all
// when none does. Throws SettingsError for a file that cannot be read or parsed.
FileValues readConfigFile(const std::optional<std::string>& explicitPath);

}  // namespace claude_proxy::app
