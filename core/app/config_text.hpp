#pragma once

#include <string>

#include "app/settings.hpp"

namespace claude_proxy::app {

// Parses the text of a configuration file in the properties format Poco's
// PropertyFileConfiguration reads: one "key = value" (or "key: value") per line, surrounding
// blanks ignored; lines starting with '#' or '!' are comments; a backslash at the end of a line
// continues the value on the next one; \t \n \r \f and \\ are escapes (another escaped character
// stands for itself). Keys are the option names (see optionTable()).
// Throws SettingsError "<fileName>:<line>: …" for a line without a separator, an unknown key
// or a key given twice. Values are not checked here: loadSettings() does that. Pure.
FileValues parseConfigText(const std::string& text, const std::string& fileName);

}  // namespace claude_proxy::app
