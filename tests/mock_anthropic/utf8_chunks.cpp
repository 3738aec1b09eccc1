#include "utf8_chunks.hpp"

namespace mock_anthropic {
namespace {

// Length in bytes of the code point starting at text[at], never past the end of the text.
std::size_t codePointLength(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 1;
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
    }
    if (at + length > text.size()) {
        return 1;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((static_cast<unsigned char>(text[at + i]) & 0xC0U) != 0x80U) {
            return 1;  // broken sequence: treat the lead byte on its own
        }
    }
    return length;
}

}  // namespace

std::vector<std::string> splitCodePoints(std::string_view text,
                                         const std::vector<std::size_t>& sizes) {
    std::vector<std::string> pieces;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t wanted = sizes.empty() ? 1 : sizes[pieces.size() % sizes.size()];
        if (wanted == 0) {
            wanted = 1;
        }
        const std::size_t start = at;
        for (std::size_t count = 0; count < wanted && at < text.size(); ++count) {
            at += codePointLength(text, at);
        }
        pieces.emplace_back(text.substr(start, at - start));
    }
    return pieces;
}

}  // namespace mock_anthropic
