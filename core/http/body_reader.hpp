#pragma once

#include <cstddef>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>

namespace claude_proxy::http {

// Reads the whole request body (Content-Length or chunked) up to `maxBytes`. Throws
// openai::ApiError 413 when the declared or actual size is larger; the caller must then close
// the connection, since the rest of the body is left unread.
std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes);

}  // namespace claude_proxy::http
