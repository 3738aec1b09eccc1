#include "http/server/request_head.hpp"

#include <doctest/doctest.h>

#include <string>

namespace claude_proxy::http::server {

TEST_CASE("the head ends at the first empty line, CRLF or bare LF") {
    HeadScanner crlf;
    const std::string request = "GET /health HTTP/1.1\r\nHost: a\r\n\r\nBODY";
    CHECK(crlf.headEnd(request) == request.find("BODY"));

    HeadScanner lf;
    const std::string bare = "GET / HTTP/1.1\nHost: a\n\nrest";
    CHECK(lf.headEnd(bare) == bare.find("rest"));

    HeadScanner mixed;
    const std::string both = "GET / HTTP/1.1\r\nHost: a\n\r\nX";
    CHECK(mixed.headEnd(both) == both.find('X'));
}

TEST_CASE("a head that arrives byte by byte is found exactly once, each byte looked at once") {
    const std::string request = "POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\n\r\n{}";
    HeadScanner scanner;
    std::string received;
    std::size_t found = std::string::npos;
    for (const char c : request) {
        received.push_back(c);
        const std::size_t end = scanner.headEnd(received);
        if (end != std::string::npos && found == std::string::npos) {
            found = end;
        }
    }
    CHECK(found == request.size() - 2);
}

TEST_CASE("empty lines before the request line are skipped and counted") {
    HeadScanner scanner;
    const std::string request = "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
    CHECK(scanner.headEnd(request) == request.size());
    CHECK(scanner.leadingBlankBytes() == 4);
}

TEST_CASE("an incomplete head is not ended by a lone CR or by a line of spaces") {
    HeadScanner scanner;
    CHECK(scanner.headEnd("GET / HTTP/1.1\r\nHost: a\r\n\r") == std::string::npos);
    HeadScanner spaces;
    CHECK(spaces.headEnd("GET / HTTP/1.1\r\n \r\nHost: a") == std::string::npos);
}

TEST_CASE("the request target is read from the request line") {
    CHECK(requestTarget("GET /v1/models?x=1 HTTP/1.1\r\nHost: a\r\n\r\n") == "/v1/models?x=1");
    CHECK(requestTarget("\r\nGET /health HTTP/1.1\r\n") == "/health");
    CHECK(requestTarget("garbage\r\n").empty());
    CHECK(requestTarget("GET  HTTP/1.1\r\n").empty());
}

}  // namespace claude_proxy::http::server
