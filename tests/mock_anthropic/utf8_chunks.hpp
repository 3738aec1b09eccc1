#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mock_anthropic {

// Splits text into pieces that never cut a UTF-8 sequence. Piece i holds
// sizes[i % sizes.size()] code points (the last piece may be shorter). Bytes that are not
// valid UTF-8 count as one code point each. An empty text gives no pieces.
std::vector<std::string> splitCodePoints(std::string_view text,
                                         const std::vector<std::size_t>& sizes);

}  // namespace mock_anthropic
