// The example handler of sdk/examples, built out of tree against the installed SDK (by the
// "sdk: example plugin" CTest fixture), loaded by a running proxy and used for a tool call.
#include <doctest/doctest.h>

#include <filesystem>

#include "harness.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::stringAt;

TEST_CASE("a plugin built against the installed SDK is loaded and serves a tool call") {
    const std::filesystem::path plugin(CLAUDE_PROXY_SDK_EXAMPLE_PLUGIN);
    REQUIRE_MESSAGE(std::filesystem::exists(plugin),
                    "the example plugin is built by the CTest fixture 'sdk: example plugin'");
    test_support::ProxyOptions options;
    options.extraArgs = {"--plugin-dirs=" + plugin.parent_path().string(),
                         "--default-toolcall-module=example"};
    Harness h(options);

    const auto modules = parseJson(get(h.proxy.port(), "/v1/toolcall-modules").body);
    REQUIRE(modules["data"].Size() == 1);
    CHECK(stringAt(modules, "/data/0/name") == "example");
    CHECK(h.proxy.output().find("tool-call module 'example'") != std::string::npos);

    // The example's protocol: <call name="…">{json}</call>.
    const std::string reply = R"(On it. <call name="get_time">{"zone":"UTC"}</call>)";
    const std::string body =
        R"({"model":"sonnet","messages":[{"role":"user","content":"time? )" + replyMarker(reply) +
        R"("}],"tools":[{"type":"function","function":{"name":"get_time","parameters":{}}}]})";
    const auto response = h.chat(body, {{"X-Toolcall-Module", "example"}});
    INFO("body: " << response.body);
    REQUIRE(response.status == 200);
    const auto parsed = parseJson(response.body);
    CHECK(stringAt(parsed, "/choices/0/finish_reason") == "tool_calls");
    CHECK(stringAt(parsed, "/choices/0/message/tool_calls/0/function/name") == "get_time");
    // Its instructions reached the model.
    CHECK(h.mock.requests().at(0).body.find("<call name=") != std::string::npos);
}
