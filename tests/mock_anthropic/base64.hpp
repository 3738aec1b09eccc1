#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mock_anthropic {

// Decodes standard or URL-safe base64; padding is optional. nullopt when the text holds a
// character outside both alphabets or has an impossible length.
std::optional<std::string> decodeBase64(std::string_view encoded);

}  // namespace mock_anthropic
