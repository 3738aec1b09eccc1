#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toolcall/tool_call_handler.hpp"

namespace claude_proxy::toolcall {

// The outcome of loading one file.
struct LoadResult {
    std::string path;
    bool loaded = false;
    std::string name;     // when loaded
    std::string version;  // when loaded
    std::string message;  // when refused: one line naming the file and the reason
};

// The loaded handlers, by exact name. Filled once at start-up on the main thread (load), then
// read-only: find() and list() are safe from any thread. Not safe: loading while other threads
// read.
//
// A handler returned by find() or list() keeps its plugin loaded for as long as the caller
// holds it, even after the registry is gone; the plugin's shutdown hook runs, and its library
// is unloaded, when the last holder lets go.
class HandlerRegistry {
  public:
    // Receives the plugins' log lines: level is CP_LOG_DEBUG..CP_LOG_ERROR (0..3), module the
    // handler's name, message one line. Called from any thread, concurrently, for as long as
    // any handler lives; it must not throw (a throw is swallowed).
    using LogFn =
        std::function<void(int level, const std::string& module, const std::string& message)>;

    // Loads every "*.so" in each directory with loadFile(): directories in the order given,
    // the files of one directory in byte-wise name order (so with two handlers of one name the
    // first file wins). Skipped: missing directories, hidden files (".x.so"), anything that is
    // not a regular file or a symbolic link to one, and names not ending in ".so" (such as
    // "libx.so.1"). A directory that exists but cannot be read yields one result with
    // loaded == false, path the directory and message "<dir>: cannot read: <reason>".
    // Returns one result per file tried.
    std::vector<LoadResult> loadDirectories(const std::vector<std::string>& directories, LogFn log);

    // Loads one file with Boost.DLL (rtld_now | rtld_local) and runs the handshake. Refused,
    // each with one line "<path>: refused: <reason>": no entry symbol, other ABI major, newer
    // ABI minor, descriptor or hooks table too small, a required hook NULL, a bad or taken
    // name, a failing init. "<path>: cannot load: <dlopen's reason>" when dlopen fails. A
    // refused plugin is unloaded again. Used by loadDirectories and by tests.
    LoadResult loadFile(const std::string& path, LogFn log);

    // The handler with exactly this name (byte-wise: no case folding, no paths), or nullptr.
    std::shared_ptr<const ToolCallHandler> find(std::string_view name) const;

    // Every loaded handler, sorted by name.
    std::vector<std::shared_ptr<const ToolCallHandler>> list() const;

    // Names, sorted, for error messages.
    std::vector<std::string> names() const;

  private:
    std::vector<std::shared_ptr<const ToolCallHandler>> handlers_;  // sorted by name
};

}  // namespace claude_proxy::toolcall
