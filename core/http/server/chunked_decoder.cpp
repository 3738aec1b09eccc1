#include "http/server/chunked_decoder.hpp"

#include <algorithm>

namespace claude_proxy::http::server {
namespace {

constexpr std::size_t kMaxSizeLineBytes = 4096;  // size, extensions and line break
constexpr std::size_t kMaxTrailerBytes = 8192;
constexpr std::size_t kMaxSizeDigits = 16;  // 64 bits

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

void ChunkedDecoder::startSizeLine() {
    step_ = Step::Size;
    remaining_ = 0;
    digits_ = 0;
    lineBytes_ = 0;
}

// The size line is over: a zero size starts the trailer section, any other the data.
void ChunkedDecoder::endSizeLine() {
    step_ = remaining_ == 0 ? Step::Trailer : Step::Data;
}

void ChunkedDecoder::sizeLineByte(char c) {
    if (++lineBytes_ > kMaxSizeLineBytes) {
        fail();
        return;
    }
    switch (step_) {
        case Step::Size: {
            const int value = hexValue(c);
            if (value >= 0) {
                if (++digits_ > kMaxSizeDigits) {
                    fail();
                    return;
                }
                remaining_ = remaining_ * 16 + static_cast<std::uint64_t>(value);
            } else if (digits_ == 0) {
                fail();  // a size line must start with a hex digit
            } else if (c == ';' || c == ' ' || c == '\t') {
                step_ = Step::Extension;
            } else if (c == '\r') {
                step_ = Step::SizeLf;
            } else if (c == '\n') {
                endSizeLine();
            } else {
                fail();
            }
            return;
        }
        case Step::Extension:
            if (c == '\r') {
                step_ = Step::SizeLf;
            } else if (c == '\n') {
                endSizeLine();
            }
            return;
        case Step::SizeLf:
            if (c == '\n') {
                endSizeLine();
            } else {
                fail();
            }
            return;
        default:
            return;
    }
}

void ChunkedDecoder::trailerByte(char c) {
    if (++trailerBytes_ > kMaxTrailerBytes) {
        fail();
    } else if (c == '\n') {
        if (trailerLineEmpty_) {
            state_ = State::Done;
        }
        trailerLineEmpty_ = true;
    } else if (c != '\r') {
        trailerLineEmpty_ = false;
    }
}

std::size_t ChunkedDecoder::feed(std::string_view input, std::string& out) {
    std::size_t pos = 0;
    while (pos < input.size() && state_ == State::Running) {
        if (step_ == Step::Data) {
            const auto take =
                static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, input.size() - pos));
            out.append(input.substr(pos, take));
            pos += take;
            remaining_ -= take;
            if (remaining_ == 0) {
                step_ = Step::DataCr;
            }
            continue;
        }
        const char c = input[pos++];
        switch (step_) {
            case Step::Size:
            case Step::Extension:
            case Step::SizeLf:
                sizeLineByte(c);
                break;
            case Step::DataCr:
                if (c == '\r') {
                    step_ = Step::DataLf;
                } else if (c == '\n') {
                    startSizeLine();
                } else {
                    fail();
                }
                break;
            case Step::DataLf:
                if (c == '\n') {
                    startSizeLine();
                } else {
                    fail();
                }
                break;
            case Step::Trailer:
                trailerByte(c);
                break;
            case Step::Data:
                break;
        }
    }
    return pos;
}

}  // namespace claude_proxy::http::server
