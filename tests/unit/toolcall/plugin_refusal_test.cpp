// The loader's refusals, each from a real shared object broken in one way, with the exact
// one-line message the operator reads in the log.
#include <doctest/doctest.h>

#include <string>

#include "toolcall/handler_registry.hpp"
#include "toolcall_test_support.hpp"

namespace {

using claude_proxy::toolcall::HandlerRegistry;
using claude_proxy::toolcall::LoadResult;
using claude_proxy::toolcall::test::isMapped;
using claude_proxy::toolcall::test::TempDir;

const std::string kModuleSize = std::to_string(sizeof(cp_toolcall_module));

// Loads `path` into a fresh registry and checks that it was refused and nothing was added.
std::string refusalOf(const std::string& path) {
    HandlerRegistry registry;
    const LoadResult result = registry.loadFile(path, nullptr);
    CHECK_FALSE(result.loaded);
    CHECK(result.path == path);
    CHECK(result.name.empty());
    CHECK(registry.names().empty());
    CHECK(result.message.find('\n') == std::string::npos);
    return result.message;
}

}  // namespace

TEST_CASE("a module built for another ABI major is refused") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_ABI_MAJOR_MISMATCH;
    CHECK(refusalOf(path) == path + ": refused: ABI major 2, this host speaks 1");
}

TEST_CASE("a module built for a newer ABI minor is refused") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_NEWER_MINOR;
    CHECK(refusalOf(path) == path + ": refused: built for ABI 1.5, newer than this host's 1.1");
}

TEST_CASE("a library without the entry symbol is refused") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_MISSING_ENTRY_SYMBOL;
    CHECK(refusalOf(path) == path + ": refused: no entry symbol claude_proxy_toolcall_module_v1");
}

TEST_CASE("a descriptor too small for its ABI is refused") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_SMALL_DESCRIPTOR;
    CHECK(refusalOf(path) ==
          path + ": refused: descriptor size 12 is smaller than " + kModuleSize + " (ABI 1.1)");
}

TEST_CASE("a hooks table with required hooks left NULL is refused") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_MISSING_HOOKS;
    CHECK(refusalOf(path) ==
          path + ": refused: required hooks are NULL: parse_reply, check_refusal");
}

TEST_CASE("a module with only some of the stream hooks is refused") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_PARTIAL_STREAM_HOOKS;
    CHECK(refusalOf(path) == path +
                                 ": refused: stream hooks must be all set or all NULL; NULL: "
                                 "stream_feed, stream_end");
}

TEST_CASE("a handler name outside [a-z0-9_-]{1,64} is refused") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_BAD_NAME;
    CHECK(refusalOf(path) == path + ": refused: name 'Bad Name' is not [a-z0-9_-]{1,64}");
}

TEST_CASE("a failing init is refused with the module's own message") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_INIT_FAILURE;
    CHECK(refusalOf(path) ==
          path + ": refused: init failed: missing API key for the weather service");
}

TEST_CASE("a second handler with a taken name is refused, naming the first one's file") {
    const std::string good = CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER;
    const std::string impostor = CLAUDE_PROXY_TEST_PLUGIN_DUPLICATE_NAME;
    HandlerRegistry registry;
    REQUIRE(registry.loadFile(good, nullptr).loaded);
    const LoadResult second = registry.loadFile(impostor, nullptr);
    CHECK_FALSE(second.loaded);
    CHECK(second.message ==
          impostor + ": refused: a handler named 'good' is already loaded from " + good);
    REQUIRE(registry.find("good"));
    CHECK(registry.find("good")->version() == "1.2.3");  // still the first one
    CHECK(registry.names() == std::vector<std::string>{"good"});
}

TEST_CASE("a file dlopen() cannot load is reported with dlopen's reason") {
    TempDir dir;
    SUBCASE("missing") {
        const std::string path = dir.file("absent.so");
        CHECK(refusalOf(path) ==
              path + ": cannot load: cannot open shared object file: No such file or directory");
    }
    SUBCASE("not an ELF file") {
        const std::string path = dir.write("text.so", std::string(200, 'x'));
        CHECK(refusalOf(path) == path + ": cannot load: invalid ELF header");
    }
}

TEST_CASE("a path without a directory is relative to the working directory, never searched") {
    // "libc.so.6" would be found by a dlopen() search; the loader must not search.
    const std::string message = refusalOf("libc.so.6");
    CHECK(message.rfind("libc.so.6: cannot load: ", 0) == 0);
}

TEST_CASE("a refused plugin is unloaded again") {
    TempDir dir;
    const std::string path = dir.copy(CLAUDE_PROXY_TEST_PLUGIN_INIT_FAILURE, "init_failure.so");
    CHECK_FALSE(refusalOf(path).empty());
    CHECK_FALSE(isMapped(path));
}
