#include "toolcall/descriptor_check.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "toolcall/abi_bridge.hpp"

namespace claude_proxy::toolcall {
namespace {

constexpr std::size_t kMaxNameLength = 64;

std::string abiText(std::uint32_t major, std::uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// The string fields the host reads; a NULL pointer with a size would be read as garbage.
std::optional<std::string> checkStrings(const cp_toolcall_module& module) {
    const std::pair<const char*, cp_str> fields[] = {
        {"name", module.name}, {"version", module.version}, {"description", module.description}};
    for (const auto& [field, text] : fields) {
        if (text.data == nullptr && text.size != 0) {
            return std::string("descriptor field ") + field + " is NULL with size " +
                   std::to_string(text.size);
        }
    }
    return std::nullopt;
}

// The stream hooks of ABI 1.1 come as a set: a scan begun must be fed and ended.
std::optional<std::string> checkStreamHooks(const cp_toolcall_hooks& hooks) {
    const std::pair<const char*, bool> streamHooks[] = {
        {"stream_begin", hooks.stream_begin != nullptr},
        {"stream_feed", hooks.stream_feed != nullptr},
        {"stream_end", hooks.stream_end != nullptr},
    };
    std::string missing;
    bool any = false;
    for (const auto& [hook, present] : streamHooks) {
        any = any || present;
        if (!present) {
            missing.append(missing.empty() ? "" : ", ").append(hook);
        }
    }
    if (any && !missing.empty()) {
        return "stream hooks must be all set or all NULL; NULL: " + missing;
    }
    return std::nullopt;
}

std::optional<std::string> checkHooks(const cp_toolcall_module& module) {
    if (module.hooks == nullptr) {
        return std::string("descriptor has no hooks table");
    }
    const std::size_t required = requiredHooksSize(module.abi_minor);
    if (module.hooks->struct_size < required) {
        return "hooks table size " + std::to_string(module.hooks->struct_size) +
               " is smaller than " + std::to_string(required) + " (ABI " +
               abiText(module.abi_major, module.abi_minor) + ")";
    }
    const cp_toolcall_hooks hooks = copyHooks(module);
    // Every hook of ABI 1.0 except shutdown is required.
    const std::pair<const char*, bool> requiredHooks[] = {
        {"init", hooks.init != nullptr},
        {"render_instructions", hooks.render_instructions != nullptr},
        {"render_assistant_turn", hooks.render_assistant_turn != nullptr},
        {"render_tool_result", hooks.render_tool_result != nullptr},
        {"parse_reply", hooks.parse_reply != nullptr},
        {"safe_content_length", hooks.safe_content_length != nullptr},
        {"check_refusal", hooks.check_refusal != nullptr},
    };
    std::string missing;
    for (const auto& [hook, present] : requiredHooks) {
        if (!present) {
            missing.append(missing.empty() ? "" : ", ").append(hook);
        }
    }
    if (!missing.empty()) {
        return "required hooks are NULL: " + missing;
    }
    return checkStreamHooks(hooks);
}

}  // namespace

std::size_t requiredModuleSize(std::uint32_t minor) {
    (void)minor;  // the descriptor has not grown since ABI 1.0
    return kModuleSizeV1_0;
}

std::size_t requiredHooksSize(std::uint32_t minor) {
    return minor == 0 ? kHooksSizeV1_0 : kHooksSizeV1_1;
}

bool isValidHandlerName(std::string_view name) {
    if (name.empty() || name.size() > kMaxNameLength) {
        return false;
    }
    for (const char c : name) {
        const bool allowed =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

std::optional<std::string> checkDescriptor(const cp_toolcall_module& module) {
    if (module.abi_major != kHostAbiMajor) {
        return "ABI major " + std::to_string(module.abi_major) + ", this host speaks " +
               std::to_string(kHostAbiMajor);
    }
    if (module.abi_minor > kHostAbiMinor) {
        return "built for ABI " + abiText(module.abi_major, module.abi_minor) +
               ", newer than this host's " + abiText(kHostAbiMajor, kHostAbiMinor);
    }
    const std::size_t required = requiredModuleSize(module.abi_minor);
    if (module.struct_size < required) {
        return "descriptor size " + std::to_string(module.struct_size) + " is smaller than " +
               std::to_string(required) + " (ABI " + abiText(module.abi_major, module.abi_minor) +
               ")";
    }
    if (auto problem = checkStrings(module)) {
        return problem;
    }
    if (!isValidHandlerName(view(module.name))) {
        return "name '" + oneLine(view(module.name), 80) + "' is not [a-z0-9_-]{1,64}";
    }
    return checkHooks(module);
}

cp_toolcall_hooks copyHooks(const cp_toolcall_module& module) {
    cp_toolcall_hooks hooks{};
    if (module.hooks != nullptr) {
        std::size_t size = module.hooks->struct_size;
        const std::size_t known =
            module.abi_minor <= kHostAbiMinor ? requiredHooksSize(module.abi_minor) : sizeof(hooks);
        size = std::min({size, known, sizeof(hooks)});
        std::memcpy(&hooks, module.hooks, size);
    }
    hooks.struct_size = sizeof(hooks);
    return hooks;
}

}  // namespace claude_proxy::toolcall
