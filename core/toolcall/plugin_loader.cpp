#include "toolcall/plugin_loader.hpp"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>
#include <exception>
#include <utility>

#include "toolcall/abi_bridge.hpp"
#include "toolcall/descriptor_check.hpp"

namespace claude_proxy::toolcall {
namespace {

PluginLoad refused(const std::string& path, const std::string& reason) {
    return PluginLoad{nullptr, path + ": refused: " + reason};
}

// dlopen()'s own explanation. Boost.DLL 1.74 reports every failure as "bad file descriptor"
// and leaves dlerror() untouched, so the real reason is still there on this thread.
std::string dlopenReason(const std::string& path, const boost::dll::fs::error_code& error) {
    const char* detail = ::dlerror();
    std::string reason = detail != nullptr ? std::string(detail) : error.message();
    // glibc starts with "<path>: "; the message already names the file once.
    if (reason.size() > path.size() + 2 && reason.compare(0, path.size(), path) == 0 &&
        reason.compare(path.size(), 2, ": ") == 0) {
        reason.erase(0, path.size() + 2);
    }
    return oneLine(reason);
}

PluginLoad loadChecked(const std::string& path, const LoadedFromFn& loadedFrom, PluginLogFn log) {
    auto library = std::make_shared<boost::dll::shared_library>();
    boost::dll::fs::error_code error;
    ::dlerror();  // clear any earlier message
    library->load(boost::dll::fs::path(path), error,
                  boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    if (error || !library->is_loaded()) {
        return PluginLoad{nullptr, path + ": cannot load: " + dlopenReason(path, error)};
    }

    if (!library->has(CP_TOOLCALL_ENTRY_SYMBOL)) {
        return refused(path, "no entry symbol " CP_TOOLCALL_ENTRY_SYMBOL);
    }
    const auto& entry = library->get<const cp_toolcall_module*()>(CP_TOOLCALL_ENTRY_SYMBOL);
    const cp_toolcall_module* module = nullptr;
    try {
        module = entry();
    } catch (...) {
        return refused(path, CP_TOOLCALL_ENTRY_SYMBOL " threw an exception");
    }
    if (module == nullptr) {
        return refused(path, CP_TOOLCALL_ENTRY_SYMBOL " returned NULL");
    }
    if (auto problem = checkDescriptor(*module)) {
        return refused(path, *problem);
    }

    PluginIdentity identity;
    identity.name = std::string(view(module->name));
    identity.version = oneLine(view(module->version), 128);
    identity.description = oneLine(view(module->description), 4096);
    identity.path = path;
    if (auto other = loadedFrom(identity.name)) {
        return refused(path,
                       "a handler named '" + identity.name + "' is already loaded from " + *other);
    }

    auto handler = std::make_shared<PluginHandler>(library, copyHooks(*module), std::move(identity),
                                                   std::move(log));
    if (auto failure = handler->initialize()) {
        return refused(path, "init failed: " + *failure);
    }
    return PluginLoad{std::move(handler), {}};
}

}  // namespace

PluginLoad loadPlugin(const std::string& path, const LoadedFromFn& loadedFrom, PluginLogFn log) {
    try {
        return loadChecked(path, loadedFrom, std::move(log));
    } catch (const std::exception& error) {
        // Out of memory, or Boost.DLL failing in a way its error_code API does not report.
        return PluginLoad{nullptr, path + ": cannot load: " + oneLine(error.what())};
    }
}

}  // namespace claude_proxy::toolcall
