#pragma once

// Hooks for the test modules that stream through the old path (safe_content_length on the whole
// text per delta): a module built for ABI 1.0, and one of ABI 1.1 without the stream hooks.
// Protocol: "CALL " starts a call; the safe length is the text before the first one. Each call
// of safe_content_length logs "safe_content_length over <n> bytes", so that a test can see the
// host hand over the whole text every time.

#include <cstring>
#include <string>
#include <string_view>

#include "raw_module.hpp"

namespace test_plugin::rescan {

inline const cp_host_api*& host() {
    static const cp_host_api* api = nullptr;
    return api;
}

inline void log(const std::string& message) {
    host()->log(host()->host_state, CP_LOG_INFO, cp_str{message.data(), message.size()});
}

inline std::string digits(std::uint64_t value) {
    std::string out;
    do {
        out.insert(out.begin(), static_cast<char>('0' + value % 10));
        value /= 10;
    } while (value != 0);
    return out;
}

inline std::string_view view(cp_str text) {
    return text.size == 0 ? std::string_view() : std::string_view(text.data, text.size);
}

inline std::int32_t init(const cp_host_api* api, void** instance, cp_text_sink) {
    host() = api;
    *instance = nullptr;
    return CP_STATUS_OK;
}

inline std::int32_t parseReply(void*, const cp_tool_request*, cp_str reply, cp_reply_sink out,
                               cp_text_sink) {
    const std::string_view text = view(reply);
    const std::string_view content = text.substr(0, text.find("CALL "));
    out.append_content(out.state, cp_str{content.data(), content.size()});
    return CP_STATUS_OK;
}

inline std::int32_t safeContentLength(void*, const cp_tool_request* request, cp_str soFar,
                                      std::uint64_t* length, cp_text_sink) {
    log("safe_content_length over " + digits(soFar.size) + " bytes, " +
        digits(request->tool_count) + " tools");
    const std::size_t call = view(soFar).find("CALL ");
    *length = call == std::string_view::npos ? soFar.size : call;
    return CP_STATUS_OK;
}

}  // namespace test_plugin::rescan
