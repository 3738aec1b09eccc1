#include "http/server/request_framing.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace claude_proxy::http::server {
namespace {

RequestFraming framingFor(const std::string& head) {
    Poco::Net::HTTPRequest request;
    std::istringstream input(head);
    request.read(input);
    return framingOf(request);
}

}  // namespace

TEST_CASE("Content-Length, chunked and no body are told apart") {
    auto length = framingFor("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n");
    CHECK(length.problem.empty());
    CHECK(length.framing == RequestBody::Framing::Length);
    CHECK(length.length == 12);
    CHECK(framingFor("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n").framing ==
          RequestBody::Framing::Chunked);
    CHECK(framingFor("GET / HTTP/1.1\r\nHost: a\r\n\r\n").framing == RequestBody::Framing::None);
    // Repeated but equal lengths are harmless.
    CHECK(framingFor("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")
              .problem.empty());
}

TEST_CASE("every framing a smuggler relies on is refused") {
    for (const char* head :
         {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n",
          "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
          "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: "
          "x\r\n\r\n",
          "GET / HTTP/1.1\r\n\r\n"}) {
        CAPTURE(head);
        CHECK_FALSE(framingFor(head).problem.empty());
    }
    CHECK(framingFor("GET / HTTP/1.0\r\n\r\n").problem.empty());
}

}  // namespace claude_proxy::http::server
