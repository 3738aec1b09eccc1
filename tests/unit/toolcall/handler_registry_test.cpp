// The registry: directory scanning order and filters, exact lookup, listing, and how long a
// plugin stays loaded.
#include "toolcall/handler_registry.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "toolcall_test_support.hpp"

namespace {

using claude_proxy::toolcall::HandlerRegistry;
using claude_proxy::toolcall::LoadResult;
using claude_proxy::toolcall::test::isMapped;
using claude_proxy::toolcall::test::LogCapture;
using claude_proxy::toolcall::test::TempDir;
using claude_proxy::toolcall::test::weatherRequest;

std::vector<std::string> pathsOf(const std::vector<LoadResult>& results) {
    std::vector<std::string> paths;
    for (const auto& result : results) {
        paths.push_back(result.path);
    }
    return paths;
}

}  // namespace

TEST_CASE("loadDirectories loads the *.so files of each directory in name order") {
    TempDir first;
    TempDir second;
    // Same handler name in a_ and b_: name order decides that a_ wins.
    const auto impostor = first.copy(CLAUDE_PROXY_TEST_PLUGIN_DUPLICATE_NAME, "a_impostor.so");
    const auto good = first.copy(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER, "b_good.so");
    const auto escaping =
        first.copy(CLAUDE_PROXY_TEST_PLUGIN_ESCAPING_EXCEPTION, "C_upper_sorts_first.so");
    const auto broken = first.write("z_text.so", "not a library");
    // Skipped: other suffixes, versioned names, hidden files, directories.
    first.write("README.txt", "notes");
    first.copy(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER, "libgood.so.1");
    first.copy(CLAUDE_PROXY_TEST_PLUGIN_THROWING_HOOK, ".hidden.so");
    std::filesystem::create_directory(first.file("folder.so"));
    const auto thrower = second.copy(CLAUDE_PROXY_TEST_PLUGIN_THROWING_HOOK, "thrower.so");

    HandlerRegistry registry;
    const auto results = registry.loadDirectories(
        {first.path(), first.path() + "/does-not-exist", second.path()}, nullptr);

    CHECK(pathsOf(results) == std::vector<std::string>{escaping, impostor, good, broken, thrower});
    REQUIRE(results.size() == 5);
    CHECK(results[0].loaded);
    CHECK(results[1].loaded);
    CHECK(results[1].version == "6.6.6");
    CHECK_FALSE(results[2].loaded);
    CHECK(results[2].message ==
          good + ": refused: a handler named 'good' is already loaded from " + impostor);
    CHECK_FALSE(results[3].loaded);
    CHECK(results[3].message.rfind(broken + ": cannot load: ", 0) == 0);
    CHECK(results[4].loaded);
    CHECK(registry.names() == std::vector<std::string>{"escaping", "good", "throwing"});
}

TEST_CASE("a path that is not a directory yields one result saying so") {
    TempDir dir;
    const auto file = dir.write("plain-file", "x");
    HandlerRegistry registry;
    const auto results = registry.loadDirectories({file}, nullptr);
    REQUIRE(results.size() == 1);
    CHECK_FALSE(results[0].loaded);
    CHECK(results[0].path == file);
    CHECK(results[0].message == file + ": cannot read: not a directory");
}

TEST_CASE("find() is exact: no case folding, no paths, no prefixes") {
    HandlerRegistry registry;
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER, nullptr).loaded);
    CHECK(registry.find("good"));
    CHECK_FALSE(registry.find("Good"));
    CHECK_FALSE(registry.find("GOOD"));
    CHECK_FALSE(registry.find("good "));
    CHECK_FALSE(registry.find("goo"));
    CHECK_FALSE(registry.find("test_plugin_good_handler"));
    CHECK_FALSE(registry.find(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER));
    CHECK_FALSE(registry.find(""));
    CHECK_FALSE(HandlerRegistry().find("good"));
}

TEST_CASE("list() and names() are sorted by name, whatever the load order") {
    HandlerRegistry registry;
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_THROWING_HOOK, nullptr).loaded);
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER, nullptr).loaded);
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_ESCAPING_EXCEPTION, nullptr).loaded);
    CHECK(registry.names() == std::vector<std::string>{"escaping", "good", "throwing"});
    const auto handlers = registry.list();
    REQUIRE(handlers.size() == 3);
    CHECK(handlers[0]->name() == "escaping");
    CHECK(handlers[1]->name() == "good");
    CHECK(handlers[2]->name() == "throwing");
}

TEST_CASE("a held handler keeps its library loaded after the registry is gone") {
    TempDir dir;
    const auto path = dir.copy(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER, "good_copy.so");
    LogCapture log;
    std::shared_ptr<const claude_proxy::toolcall::ToolCallHandler> held;
    {
        HandlerRegistry registry;
        REQUIRE(registry.loadFile(path, log.fn()).loaded);
        held = registry.find("good");
        CHECK(isMapped(path));
    }
    CHECK(isMapped(path));
    CHECK_FALSE(log.contains(CP_LOG_INFO, "good", "shutting down"));
    CHECK(held->renderToolResult("call_9", "get_time", "noon") == "result call_9 get_time: noon");
    CHECK(held->parseReply(weatherRequest(), "CALL get_time {}\n").calls.size() == 1);

    held.reset();  // the last holder: shutdown runs, then the library is unloaded
    CHECK(log.contains(CP_LOG_INFO, "good", "shutting down"));
    CHECK_FALSE(isMapped(path));
}
