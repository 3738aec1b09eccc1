#include "http/route_path.hpp"

#include <array>

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace claude_proxy::http {

std::string normalisedPath(std::string_view target) {
    std::string path;
    try {
        path = Poco::URI(std::string(target)).getPath();
    } catch (const Poco::Exception&) {
        path = std::string(target.substr(0, target.find('?')));
    }
    if (path == "/v1" || path.rfind("/v1/", 0) == 0) {
        path.erase(0, 3);
    }
    if (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    return path;
}

bool isOperationsPath(std::string_view normalised) {
    static constexpr std::array<std::string_view, 3> kOperations = {"/health", "/ready",
                                                                    "/metrics"};
    for (const auto path : kOperations) {
        if (normalised == path) {
            return true;
        }
    }
    return false;
}

}  // namespace claude_proxy::http
