#pragma once

#include <string_view>

namespace claude_proxy::soak {

// The README's error table ("Errors"): the statuses and `error.code`s the proxy documents.
// An error response counts as mapped when its status and code are a row of it.
bool isDocumentedError(int status, std::string_view code);

// True when `code` is in the table at all: in-band SSE errors carry a code but no status.
bool isDocumentedCode(std::string_view code);

}  // namespace claude_proxy::soak
