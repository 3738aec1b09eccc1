#include "app/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/settings.hpp"

namespace claude_proxy::app {

std::string readTextFile(const std::string& path, const std::string& what) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw SettingsError("cannot read " + what + " " + path + ": it is a directory");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw SettingsError("cannot read " + what + " " + path + ": " + std::strerror(errno));
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw SettingsError("cannot read " + what + " " + path + ": read error");
    }
    return content.str();
}

}  // namespace claude_proxy::app
