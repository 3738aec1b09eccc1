#pragma once

#include <cstddef>
#include <string_view>

// Finding the end of an HTTP/1.x request head in the bytes received so far, without parsing
// it and without rescanning: the connection layer reads heads itself (so that a client that
// sends its head slowly holds no worker thread) and hands a connection to a worker only once
// its head is complete. Pure.
namespace claude_proxy::http::server {

class HeadScanner {
  public:
    // `received` is every byte of the connection's buffer so far (it only ever grows between
    // calls, or is replaced after reset()). Returns one past the empty line that ends the head
    // ("\r\n\r\n" or "\n\n", also mixed), or npos while it is incomplete. Empty lines before
    // the request line are allowed and skipped (RFC 9112 §2.2). Each byte is looked at once.
    std::size_t headEnd(std::string_view received);

    // Bytes of leading empty lines seen before the request line (to drop before parsing).
    std::size_t leadingBlankBytes() const { return leading_; }

    void reset() { *this = HeadScanner(); }

  private:
    std::size_t scanned_ = 0;  // bytes already looked at
    std::size_t leading_ = 0;  // CR/LF bytes before the request line
    bool started_ = false;     // the request line has begun
    bool lineEmpty_ = true;    // no byte but CR since the last LF
};

// The request target of a head's request line ("GET /v1/models HTTP/1.1" -> "/v1/models"), or
// "" when the line is not of that shape. Pure.
std::string_view requestTarget(std::string_view head);

}  // namespace claude_proxy::http::server
