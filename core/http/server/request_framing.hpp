#pragma once

#include <cstdint>
#include <string>

#include <Poco/Net/HTTPRequest.h>

#include "http/server/request_body.hpp"

namespace claude_proxy::http::server {

// How a request's body is delimited, read from its head, or why the head is refused. Refused:
// a Transfer-Encoding other than "chunked", Transfer-Encoding together with Content-Length, a
// Content-Length that is not a plain decimal number, several Content-Length values that differ
// (each of these is how requests are smuggled past a proxy in front of us), and an HTTP/1.1
// request without Host. Pure.
struct RequestFraming {
    RequestBody::Framing framing = RequestBody::Framing::None;
    std::uint64_t length = 0;
    std::string problem;  // non-empty: the request is refused with 400 and this message
};

RequestFraming framingOf(const Poco::Net::HTTPRequest& request);

}  // namespace claude_proxy::http::server
