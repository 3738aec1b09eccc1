#pragma once

#include <string>

namespace claude_proxy::app {

// The whole content of the file at `path`. Throws SettingsError "cannot read <what> <path>:
// <reason>" when it is missing or unreadable.
std::string readTextFile(const std::string& path, const std::string& what);

}  // namespace claude_proxy::app
