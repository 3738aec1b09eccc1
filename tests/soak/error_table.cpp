#include "error_table.hpp"

#include <algorithm>
#include <array>

namespace claude_proxy::soak {
namespace {

struct DocumentedError {
    int status;
    std::string_view code;
};

// Keep in step with the table under "Errors" in README.md.
constexpr std::array kDocumented = {
    DocumentedError{400, "invalid_json"},
    DocumentedError{400, "invalid_type"},
    DocumentedError{400, "missing_required_parameter"},
    DocumentedError{400, "invalid_value"},
    DocumentedError{400, "unsupported_parameter"},
    DocumentedError{400, "unsupported_content"},
    DocumentedError{400, "json_too_deep"},
    DocumentedError{400, "malformed_http"},
    DocumentedError{400, "upstream_invalid_request"},
    DocumentedError{400, "unknown_toolcall_module"},
    DocumentedError{401, "invalid_api_key"},
    DocumentedError{401, "cli_not_logged_in"},
    DocumentedError{403, "origin_not_allowed"},
    DocumentedError{403, "host_not_allowed"},
    DocumentedError{404, "model_not_found"},
    DocumentedError{404, "unknown_route"},
    DocumentedError{405, "method_not_allowed"},
    DocumentedError{408, "request_timeout"},
    DocumentedError{413, "request_too_large"},
    DocumentedError{415, "unsupported_media_type"},
    DocumentedError{429, "rate_limit_exceeded"},
    DocumentedError{429, "concurrency_limit_reached"},
    DocumentedError{429, "too_many_connections"},
    DocumentedError{431, "request_head_too_large"},
    DocumentedError{500, "internal_error"},
    DocumentedError{502, "upstream_error"},
    DocumentedError{502, "cli_failed"},
    DocumentedError{502, "cli_max_turns"},
    DocumentedError{502, "stream_interrupted"},
    DocumentedError{502, "tool_call_missing"},
    DocumentedError{502, "toolcall_handler_failed"},
    DocumentedError{503, "overloaded"},
    DocumentedError{503, "cli_unavailable"},
    DocumentedError{503, "toolcall_module_unavailable"},
    DocumentedError{503, "server_shutting_down"},
    DocumentedError{503, "server_busy"},
    DocumentedError{504, "timeout"},
};

}  // namespace

bool isDocumentedError(int status, std::string_view code) {
    return std::any_of(kDocumented.begin(), kDocumented.end(), [&](const DocumentedError& row) {
        return row.status == status && row.code == code;
    });
}

bool isDocumentedCode(std::string_view code) {
    return std::any_of(kDocumented.begin(), kDocumented.end(),
                       [&](const DocumentedError& row) { return row.code == code; });
}

}  // namespace claude_proxy::soak
