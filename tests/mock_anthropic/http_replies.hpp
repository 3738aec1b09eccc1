#pragma once

#include <string>

namespace Poco::Net {
class HTTPServerResponse;
}

namespace mock_anthropic {

// Sets any numeric status (529 included, which Poco has no name for) with a fitting reason.
void setStatus(Poco::Net::HTTPServerResponse& response, int status);

// Sends `body` with a Content-Length. False when the client was already gone.
bool sendBody(Poco::Net::HTTPServerResponse& response, int status, const std::string& contentType,
              const std::string& body);

inline bool sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& body) {
    return sendBody(response, status, "application/json", body);
}

}  // namespace mock_anthropic
