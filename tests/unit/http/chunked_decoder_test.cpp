#include "http/server/chunked_decoder.hpp"

#include <doctest/doctest.h>

#include <string>

namespace claude_proxy::http::server {
namespace {

// Feeds `encoded` in pieces of `step` bytes; returns the decoded data and the bytes consumed.
std::pair<std::string, std::size_t> decode(const std::string& encoded, std::size_t step,
                                           ChunkedDecoder& decoder) {
    std::string out;
    std::size_t consumed = 0;
    while (consumed < encoded.size() && decoder.state() == ChunkedDecoder::State::Running) {
        const std::size_t piece = std::min(step, encoded.size() - consumed);
        const std::size_t used =
            decoder.feed(std::string_view(encoded).substr(consumed, piece), out);
        consumed += used;
        if (used < piece) {
            break;
        }
    }
    return {out, consumed};
}

}  // namespace

TEST_CASE("chunks decode the same whatever pieces they arrive in, what follows is left") {
    const std::string body = "5\r\nhello\r\n1A;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n";
    const std::string next = "GET / HTTP/1.1\r\n";
    for (const std::size_t step : {1UL, 2UL, 3UL, 7UL, 1000UL}) {
        ChunkedDecoder decoder;
        const auto [out, consumed] = decode(body + next, step, decoder);
        CAPTURE(step);
        CHECK(decoder.done());
        CHECK(out == "helloabcdefghijklmnopqrstuvwxyz");
        CHECK(consumed == body.size());
    }
}

TEST_CASE("trailer fields are read and dropped, bare LF line ends are accepted") {
    ChunkedDecoder decoder;
    std::string out;
    const std::string body = "3\nabc\n0\nX-Trailer: 1\n\n";
    CHECK(decoder.feed(body, out) == body.size());
    CHECK(decoder.done());
    CHECK(out == "abc");
}

TEST_CASE("broken encodings are malformed, never a hang or an overflow") {
    for (const std::string& bad :
         {std::string("zz\r\n"), std::string("\r\n"), std::string("3\r\nabcX"),
          std::string("11111111111111111\r\n"), "1;" + std::string(5000, 'e') + "\r\n",
          "0\r\n" + std::string(9000, 'T')}) {
        ChunkedDecoder decoder;
        std::string out;
        decoder.feed(bad, out);
        CAPTURE(bad.substr(0, 20));
        CHECK(decoder.malformed());
    }
}

TEST_CASE("a huge declared chunk is only as large as the bytes that arrive") {
    ChunkedDecoder decoder;
    std::string out;
    decoder.feed("FFFFFFFFFFFF\r\nabc", out);
    CHECK(decoder.state() == ChunkedDecoder::State::Running);
    CHECK(out == "abc");
}

}  // namespace claude_proxy::http::server
