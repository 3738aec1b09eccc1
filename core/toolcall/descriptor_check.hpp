#pragma once

// The handshake rules for a module descriptor, apart from any loading: pure, so every refusal
// is unit-tested without building a shared object for it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "claude_proxy/toolcall_abi.h"

namespace claude_proxy::toolcall {

// The ABI this host speaks.
inline constexpr std::uint32_t kHostAbiMajor = CP_TOOLCALL_ABI_MAJOR;
inline constexpr std::uint32_t kHostAbiMinor = CP_TOOLCALL_ABI_MINOR;

// Sizes of the structs as each minor defined them: the end of their last field of that minor.
// These stay fixed when later minors append fields (sizeof() then grows; older modules must
// still load). ABI 1.1 appended the stream hooks and left the descriptor as it was.
inline constexpr std::size_t kModuleSizeV1_0 =
    offsetof(cp_toolcall_module, hooks) + sizeof(cp_toolcall_module::hooks);
inline constexpr std::size_t kHooksSizeV1_0 =
    offsetof(cp_toolcall_hooks, check_refusal) + sizeof(cp_toolcall_hooks::check_refusal);
inline constexpr std::size_t kHooksSizeV1_1 =
    offsetof(cp_toolcall_hooks, stream_end) + sizeof(cp_toolcall_hooks::stream_end);

// The smallest struct_size a module built for ABI 1.<minor> may declare (minor <= the host's):
// the size of the struct in that minor.
std::size_t requiredModuleSize(std::uint32_t minor);
std::size_t requiredHooksSize(std::uint32_t minor);

// Whether `name` is a valid handler name: [a-z0-9_-]{1,64}.
bool isValidHandlerName(std::string_view name);

// Why the host must refuse this descriptor, or nothing when it is acceptable. The reason is
// the text after "<path>: refused: ", e.g. "ABI major 2, this host speaks 1". Checks, in this
// order: ABI major, ABI minor, descriptor size, the string fields, the name, the hooks table
// (present, large enough, every required hook set, the optional stream hooks of ABI 1.1 all
// set or all NULL). Reads only the first struct_size bytes of each struct.
std::optional<std::string> checkDescriptor(const cp_toolcall_module& module);

// The descriptor's hooks, copied into a full-size table. Copies no more than the module's
// hooks->struct_size and no more than the table of its declared minor: a module built for
// ABI 1.0 knows nothing of the stream hooks, so whatever follows its table is not read. The
// fields not copied are zero (NULL: "the module does not have this hook").
cp_toolcall_hooks copyHooks(const cp_toolcall_module& module);

}  // namespace claude_proxy::toolcall
