#pragma once

// Calling a plugin's C hook from the host, and turning its failure into a HandlerError. Shared
// by PluginHandler and the stream scans it makes.

#include <cstdint>
#include <exception>
#include <string>

#include "claude_proxy/toolcall_abi.h"

namespace claude_proxy::toolcall {

// Calls a hook (`call` returns its int32_t status). An exception must never cross the C ABI
// (the SDK's wrappers catch them), but a module written without the SDK might let one through;
// it fails that call like an error, and `escaped` says what it was.
template <typename Call>
int32_t invokeHook(std::string& escaped, Call&& call) noexcept {
    try {
        return call();
    } catch (const std::exception& error) {
        try {
            escaped = std::string("exception escaped the hook: ") + error.what();
        } catch (...) {
        }
    } catch (...) {
        try {
            escaped = "exception escaped the hook";
        } catch (...) {
        }
    }
    return CP_STATUS_ERROR;
}

// Throws HandlerError("<module>: <hook>: <reason>") when the hook failed: `status` is not OK
// (the reason is `error`, what it wrote to its error sink or what escaped it), or an output
// sink recorded a `fault`. Returns when the call succeeded.
void throwIfHookFailed(const std::string& module, const char* hook, int32_t status,
                       const std::string& error, const std::string& fault);

}  // namespace claude_proxy::toolcall
