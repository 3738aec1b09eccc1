#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mock_anthropic {

struct CommandLine {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: let the kernel pick a free port
    bool help = false;
};

// Parses `--port N`, `--port=N`, `--host H`, `--host=H` and `--help` (arguments after the
// program name). nullopt with `error` set on anything else.
std::optional<CommandLine> parseCommandLine(const std::vector<std::string>& args,
                                            std::string& error);

// True for 127.0.0.0/8 and ::1, the only addresses the mock agrees to listen on.
bool isLoopbackHost(const std::string& host);

}  // namespace mock_anthropic
