// A well-behaved plugin through every hook: what the host passes in arrives intact (the test
// plugin echoes it) and what the plugin writes comes back intact.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "toolcall/handler_registry.hpp"
#include "toolcall_test_support.hpp"

namespace {

using claude_proxy::openai::ToolCallRecord;
using claude_proxy::openai::ToolChoiceMode;
using claude_proxy::openai::ToolRequest;
using claude_proxy::toolcall::HandlerRegistry;
using claude_proxy::toolcall::ToolCallHandler;
using claude_proxy::toolcall::test::LogCapture;
using claude_proxy::toolcall::test::weatherRequest;

struct Loaded {
    LogCapture log;
    HandlerRegistry registry;
    std::shared_ptr<const ToolCallHandler> handler;

    explicit Loaded(const std::string& path) {
        const auto result = registry.loadFile(path, log.fn());
        INFO(result.message);
        REQUIRE(result.loaded);
        handler = registry.find(result.name);
        REQUIRE(handler);
    }
};

}  // namespace

TEST_CASE("the good plugin loads with its identity") {
    const std::string path = CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER;
    HandlerRegistry registry;
    const auto result = registry.loadFile(path, nullptr);
    CHECK(result.loaded);
    CHECK(result.path == path);
    CHECK(result.name == "good");
    CHECK(result.version == "1.2.3");
    CHECK(result.message.empty());
    const auto handler = registry.find("good");
    REQUIRE(handler);
    CHECK(handler->name() == "good");
    CHECK(handler->version() == "1.2.3");
    CHECK(handler->description() == "echoes its input, for tests");
    CHECK(handler->path() == path);
}

TEST_CASE("render_instructions receives every tool, the choice and the parallel flag") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    CHECK(good.handler->renderInstructions(weatherRequest()) ==
          "choice=named:get_time parallel=0\n"
          "tool get_weather|Weather for a city|"
          R"({"type":"object","properties":{"city":{"type":"string"}}})"
          "\n"
          "tool get_time||{}\n");

    ToolRequest request = weatherRequest();
    request.choice = ToolChoiceMode::Required;
    request.parallelToolCalls = true;
    CHECK(good.handler->renderInstructions(request).rfind("choice=required parallel=1\n", 0) == 0);
    request.choice = ToolChoiceMode::Auto;
    CHECK(good.handler->renderInstructions(request).rfind("choice=auto ", 0) == 0);
}

TEST_CASE("render_assistant_turn receives the content and each call") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    const std::vector<ToolCallRecord> calls = {
        {"call_1", "get_weather", R"({"city":"Oslo"})"},
        {"call_2", "get_time", "{}"},
    };
    CHECK(good.handler->renderAssistantTurn("Checking.", calls) ==
          "content=Checking.\n"
          "call call_1 get_weather {\"city\":\"Oslo\"}\n"
          "call call_2 get_time {}\n");
    CHECK(good.handler->renderAssistantTurn("", {}) == "content=\n");
}

TEST_CASE("render_tool_result receives id, name and content") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    CHECK(good.handler->renderToolResult("call_1", "get_weather", "12 C, rain") ==
          "result call_1 get_weather: 12 C, rain");
}

TEST_CASE("parse_reply returns the content and the calls in order") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    const auto parsed = good.handler->parseReply(
        weatherRequest(),
        "Let me look.\nCALL get_weather {\"city\":\"Oslo\"}\nCALL get_time {}\nDone.");
    CHECK(parsed.content == "Let me look.\nDone.");
    REQUIRE(parsed.calls.size() == 2);
    CHECK(parsed.calls[0].name == "get_weather");
    CHECK(parsed.calls[0].argumentsJson == R"({"city":"Oslo"})");
    CHECK(parsed.calls[1].name == "get_time");
    CHECK(parsed.calls[1].argumentsJson == "{}");

    const auto plain = good.handler->parseReply(weatherRequest(), "");
    CHECK(plain.content.empty());
    CHECK(plain.calls.empty());
}

TEST_CASE("safe_content_length stops before a call and never exceeds the text") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    CHECK(good.handler->safeContentLength(weatherRequest(), "Hello") == 5);
    CHECK(good.handler->safeContentLength(weatherRequest(), "Hi\nCALL get_time {}") == 3);
    CHECK(good.handler->safeContentLength(weatherRequest(), "") == 0);
}

TEST_CASE("check_refusal returns the verdict and the nudge") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    const auto refusal = good.handler->checkRefusal(weatherRequest(), "I cannot do that", false);
    CHECK(refusal.isRefusal);
    CHECK(refusal.nudge == "You can: write CALL <name> <json> (named:get_time)");

    const auto afterResult = good.handler->checkRefusal(weatherRequest(), "I cannot", true);
    CHECK_FALSE(afterResult.isRefusal);
    CHECK(afterResult.nudge.empty());
    CHECK_FALSE(good.handler->checkRefusal(weatherRequest(), "It rains.", false).isRefusal);
}

TEST_CASE("the plugin's log lines reach the LogFn with its name, also from shutdown") {
    LogCapture log;
    {
        HandlerRegistry registry;
        REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER, log.fn()).loaded);
        registry.find("good")->renderInstructions(weatherRequest());
        CHECK(log.contains(CP_LOG_INFO, "good", "instructions for 2 tools"));
        CHECK_FALSE(log.contains(CP_LOG_INFO, "good", "shutting down"));
    }
    CHECK(log.contains(CP_LOG_INFO, "good", "shutting down"));
}

TEST_CASE("hooks may be called from many threads at once") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    const ToolRequest request = weatherRequest();
    std::vector<std::thread> threads;
    std::vector<int> failures(8, 0);
    for (std::size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const std::string id = std::to_string(t) + "-" + std::to_string(i);
                const auto parsed =
                    good.handler->parseReply(request, "text " + id + "\nCALL get_time {}\n");
                if (parsed.content != "text " + id + "\n" || parsed.calls.size() != 1) {
                    ++failures[t];
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(failures == std::vector<int>(8, 0));
}
