// A hook that fails fails only its own call: HandlerError naming module and hook, and the
// process and the handler carry on.
#include <doctest/doctest.h>

#include <string>

#include "toolcall/handler_registry.hpp"
#include "toolcall_test_support.hpp"

namespace {

using claude_proxy::toolcall::HandlerError;
using claude_proxy::toolcall::HandlerRegistry;
using claude_proxy::toolcall::test::weatherRequest;

std::string errorOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const HandlerError& error) {
        return error.what();
    }
    return "(no HandlerError)";
}

}  // namespace

TEST_CASE("a std::exception thrown in an SDK hook becomes HandlerError, the next call works") {
    HandlerRegistry registry;
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_THROWING_HOOK, nullptr).loaded);
    const auto handler = registry.find("throwing");
    REQUIRE(handler);

    CHECK(errorOf([&] { handler->parseReply(weatherRequest(), "boom"); }) ==
          "throwing: parse_reply: cannot parse a reply with boom in it");
    const auto parsed = handler->parseReply(weatherRequest(), "fine");
    CHECK(parsed.content == "fine");
    CHECK(errorOf([&] { handler->parseReply(weatherRequest(), "boom again"); }) ==
          "throwing: parse_reply: cannot parse a reply with boom in it");
    CHECK(handler->parseReply(weatherRequest(), "still fine").content == "still fine");
}

TEST_CASE("a throw of something that is not a std::exception is contained too") {
    HandlerRegistry registry;
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_THROWING_HOOK, nullptr).loaded);
    const auto handler = registry.find("throwing");
    CHECK(errorOf([&] { handler->renderInstructions(weatherRequest()); }) ==
          "throwing: render_instructions: unknown exception");
    CHECK(handler->renderAssistantTurn("ok", {}) == "ok");
}

TEST_CASE("an exception escaping a raw C hook (a broken contract) still becomes HandlerError") {
    HandlerRegistry registry;
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_ESCAPING_EXCEPTION, nullptr).loaded);
    const auto handler = registry.find("escaping");
    REQUIRE(handler);
    CHECK(errorOf([&] { handler->renderToolResult("call_1", "get_time", "noon"); }) ==
          "escaping: render_tool_result: exception escaped the hook: escaped from "
          "render_tool_result");
    CHECK(handler->parseReply(weatherRequest(), "x").content.empty());  // the stub writes nothing
}
