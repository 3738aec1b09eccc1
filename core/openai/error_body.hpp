#pragma once

#include <string>

#include "openai/api_error.hpp"

namespace claude_proxy::openai {

// {"error":{"message":…,"type":…,"param":…|null,"code":…|null}} for an ApiError.
std::string renderErrorBody(const ApiError& error);

}  // namespace claude_proxy::openai
