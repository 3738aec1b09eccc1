#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// Decodes a request body sent with Transfer-Encoding: chunked (RFC 9112 §7.1), incrementally,
// from whatever pieces the socket delivers. Chunk extensions are skipped, trailer fields are
// read and dropped. Bounded: a size line or the trailer section longer than a few KiB, or a
// chunk size that does not fit in 64 bits, is malformed. Pure.
namespace claude_proxy::http::server {

class ChunkedDecoder {
  public:
    enum class State { Running, Done, Malformed };

    // Consumes bytes of `input` and appends the chunk data found to `out`; stops at the end of
    // the body (the bytes after it belong to the next request and are not consumed). Returns
    // how many bytes of `input` were consumed.
    std::size_t feed(std::string_view input, std::string& out);

    State state() const { return state_; }
    bool done() const { return state_ == State::Done; }
    bool malformed() const { return state_ == State::Malformed; }

  private:
    enum class Step { Size, Extension, SizeLf, Data, DataCr, DataLf, Trailer };

    void fail() { state_ = State::Malformed; }
    void startSizeLine();
    void endSizeLine();
    void sizeLineByte(char c);
    void trailerByte(char c);

    State state_ = State::Running;
    Step step_ = Step::Size;
    std::uint64_t remaining_ = 0;  // data bytes left in the current chunk
    std::size_t digits_ = 0;       // hex digits of the current size
    std::size_t lineBytes_ = 0;    // bytes of the current size or trailer line
    std::size_t trailerBytes_ = 0;
    bool trailerLineEmpty_ = true;
};

}  // namespace claude_proxy::http::server
