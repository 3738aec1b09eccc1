#include "command_line.hpp"

#include <Poco/Net/IPAddress.h>

#include <charconv>

namespace mock_anthropic {
namespace {

bool parsePort(const std::string& text, int& port) {
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(text.data(), last, port);
    return error == std::errc() && end == last && port >= 0 && port <= 65535;
}

}  // namespace

std::optional<CommandLine> parseCommandLine(const std::vector<std::string>& args,
                                            std::string& error) {
    CommandLine options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            options.help = true;
            continue;
        }
        std::string name = arg;
        std::optional<std::string> value;
        if (const auto equals = arg.find('='); equals != std::string::npos) {
            name = arg.substr(0, equals);
            value = arg.substr(equals + 1);
        }
        if (name != "--port" && name != "--host") {
            error = "unknown argument: " + arg;
            return std::nullopt;
        }
        if (!value) {
            if (i + 1 >= args.size()) {
                error = name + " needs a value";
                return std::nullopt;
            }
            value = args[++i];
        }
        if (name == "--host") {
            options.host = *value;
        } else if (!parsePort(*value, options.port)) {
            error = "bad port: " + *value;
            return std::nullopt;
        }
    }
    return options;
}

bool isLoopbackHost(const std::string& host) {
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
}

}  // namespace mock_anthropic
