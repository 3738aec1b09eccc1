#pragma once

#include <string>

#include <Poco/Net/HTTPServerResponse.h>

#include "openai/api_error.hpp"

namespace claude_proxy::http {

// Sends `body` as application/json with the given status and a Content-Length.
void sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& body);

// Sends the OpenAI-style error body with the error's status (and Retry-After when it has one).
void sendError(Poco::Net::HTTPServerResponse& response, const openai::ApiError& error);

}  // namespace claude_proxy::http
