#include "toolcall/hook_call.hpp"

#include "toolcall/abi_bridge.hpp"
#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::toolcall {

void throwIfHookFailed(const std::string& module, const char* hook, int32_t status,
                       const std::string& error, const std::string& fault) {
    std::string reason;
    if (status != CP_STATUS_OK) {
        reason = oneLine(error);
        if (reason.empty()) {
            reason = "failed without a message";
        }
    } else if (!fault.empty()) {
        reason = fault;
    } else {
        return;
    }
    throw HandlerError(module + ": " + hook + ": " + reason);
}

}  // namespace claude_proxy::toolcall
