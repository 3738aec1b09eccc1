// ToolCallHandler::beginStream through real plugins: the resumable path over the ABI 1.1 stream
// hooks, the rescanning path for an ABI 1.0 module and for a 1.1 module without the hooks, and
// what the host makes of a module's answers (never shrinking, never past the text, failures).
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "toolcall/handler_registry.hpp"
#include "toolcall_test_support.hpp"

namespace {

using claude_proxy::openai::ToolRequest;
using claude_proxy::toolcall::HandlerError;
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

    // The messages the module logged, in order.
    std::vector<std::string> messages() const {
        std::vector<std::string> out;
        for (const auto& [level, module, message] : log.lines()) {
            out.push_back(message);
        }
        return out;
    }
};

std::string errorOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const HandlerError& error) {
        return error.what();
    }
    return "(no HandlerError)";
}

// Feeds `pieces` to a new scan and returns the answers.
std::vector<std::size_t> stream(const ToolCallHandler& handler, const ToolRequest& request,
                                const std::vector<std::string>& pieces) {
    const auto scan = handler.beginStream(request);
    std::vector<std::size_t> answers;
    for (const auto& piece : pieces) {
        answers.push_back(scan->feed(piece));
    }
    return answers;
}

// The old-path modules: safe_content_length over the whole text so far, every delta.
void checkRescanPath(const std::string& path) {
    Loaded module(path);
    const ToolRequest request = weatherRequest();
    CHECK(stream(*module.handler, request, {"Hello ", "world\n", "CALL get_time {}"}) ==
          std::vector<std::size_t>{6, 12, 12});
    CHECK(module.messages() == std::vector<std::string>{
                                   "safe_content_length over 6 bytes, 2 tools",
                                   "safe_content_length over 12 bytes, 2 tools",
                                   "safe_content_length over 28 bytes, 2 tools",
                               });
    // This protocol lets "CA" out before it knows; the host never takes an answer back.
    CHECK(stream(*module.handler, request, {"Hi CA", "LL x"}) == std::vector<std::size_t>{5, 5});
    CHECK(module.handler->parseReply(request, "Hi CALL x").content == "Hi ");
}

}  // namespace

TEST_CASE("a module built for ABI 1.0 loads and streams through safe_content_length") {
    checkRescanPath(CLAUDE_PROXY_TEST_PLUGIN_ABI_1_0_MODULE);
}

TEST_CASE("an ABI 1.1 module without stream hooks streams through safe_content_length") {
    checkRescanPath(CLAUDE_PROXY_TEST_PLUGIN_NO_STREAM_HOOKS);
}

TEST_CASE("an SDK handler without its own scanner streams as safeContentLength says") {
    // good_handler overrides only safeContentLength: the SDK's default scanner rescans inside
    // the module, the host feeds deltas.
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    CHECK(stream(*good.handler, weatherRequest(), {"Hi", " there\n", "CALL get_time {}"}) ==
          std::vector<std::size_t>{2, 9, 9});
}

TEST_CASE("stream hooks: one begin, deltas in order with the previous answer, one end") {
    Loaded module(CLAUDE_PROXY_TEST_PLUGIN_SCRIPTED_STREAM);
    const ToolRequest request = weatherRequest();
    {
        const auto scan = module.handler->beginStream(request);
        CHECK(scan->feed("ab") == 2);
        CHECK(scan->feed("keep") == 2);    // left alone: the previous answer stands
        CHECK(scan->feed("shrink") == 2);  // 0 is held at the previous answer
        CHECK(scan->feed("huge") == 16);   // UINT64_MAX is cut to the 16 bytes fed
        CHECK(scan->feed("") == 16);       // an empty delta changes nothing
        CHECK(scan->feed("cd") == 18);
    }
    CHECK(module.messages() == std::vector<std::string>{
                                   "begin 2 tools",
                                   "feed ab entry=0 first tool=get_weather",
                                   "feed keep entry=2 first tool=get_weather",
                                   "feed shrink entry=2 first tool=get_weather",
                                   "feed huge entry=2 first tool=get_weather",
                                   "feed  entry=16 first tool=get_weather",
                                   "feed cd entry=16 first tool=get_weather",
                                   "end after 18 bytes",
                               });
}

TEST_CASE("the request a scan began with stays readable until the scan ends") {
    Loaded module(CLAUDE_PROXY_TEST_PLUGIN_SCRIPTED_STREAM);
    auto request = std::make_unique<ToolRequest>(weatherRequest());
    auto scan = module.handler->beginStream(*request);
    // Other hooks in between convert their own requests; the scan's C view is its own.
    module.handler->parseReply(weatherRequest(), "x");
    CHECK(scan->feed("x") == 1);
    scan.reset();
    request.reset();
    const auto messages = module.messages();
    REQUIRE(messages.size() == 3);
    CHECK(messages[1] == "feed x entry=0 first tool=get_weather");
    CHECK(messages[2] == "end after 1 bytes");
}

TEST_CASE("a failed stream_feed fails the request, and the scan is ended but not fed again") {
    Loaded module(CLAUDE_PROXY_TEST_PLUGIN_SCRIPTED_STREAM);
    const ToolRequest request = weatherRequest();
    {
        const auto scan = module.handler->beginStream(request);
        CHECK(scan->feed("ab") == 2);
        CHECK(errorOf([&] { scan->feed("fail"); }) == "scripted-stream: stream_feed: told to fail");
        CHECK(errorOf([&] { scan->feed("cd"); }) ==
              "scripted-stream: stream_feed: not called again after a failure");
    }
    const auto messages = module.messages();
    REQUIRE(messages.size() == 4);  // begin, ab, fail, end: "cd" never reached the module
    CHECK(messages[2] == "feed fail entry=2 first tool=get_weather");
    CHECK(messages[3] == "end after 6 bytes");

    // The handler carries on: the next stream works.
    CHECK(stream(*module.handler, request, {"ok"}) == std::vector<std::size_t>{2});
}

TEST_CASE("an exception escaping stream_feed becomes HandlerError") {
    Loaded module(CLAUDE_PROXY_TEST_PLUGIN_SCRIPTED_STREAM);
    const auto scan = module.handler->beginStream(weatherRequest());
    CHECK(errorOf([&] { scan->feed("throw"); }) ==
          "scripted-stream: stream_feed: exception escaped the hook: boom");
}

TEST_CASE("a failed stream_begin is HandlerError, and no stream_end follows") {
    Loaded module(CLAUDE_PROXY_TEST_PLUGIN_SCRIPTED_STREAM);
    const ToolRequest none;
    CHECK(errorOf([&] { module.handler->beginStream(none); }) ==
          "scripted-stream: stream_begin: no tools to scan for");
    CHECK(module.messages().empty());
}

TEST_CASE("the SDK turns a scanner's throws and a missing scanner into hook failures") {
    HandlerRegistry registry;
    REQUIRE(registry.loadFile(CLAUDE_PROXY_TEST_PLUGIN_THROWING_HOOK, nullptr).loaded);
    const auto handler = registry.find("throwing");
    REQUIRE(handler);
    ToolRequest request = weatherRequest();
    request.choice = claude_proxy::openai::ToolChoiceMode::Auto;
    {
        const auto scan = handler->beginStream(request);
        CHECK(scan->feed("abc") == 3);
        CHECK(errorOf([&] { scan->feed("boom"); }) ==
              "throwing: stream_feed: cannot scan a delta with boom in it");
    }
    CHECK(errorOf([&] { handler->beginStream(ToolRequest()); }) ==
          "throwing: stream_begin: no scanner without tools");
    request.choice = claude_proxy::openai::ToolChoiceMode::Named;
    CHECK(errorOf([&] { handler->beginStream(request); }) ==
          "throwing: stream_begin: beginStream returned no scanner");
}

TEST_CASE("scans of one handler run on many threads at once") {
    Loaded good(CLAUDE_PROXY_TEST_PLUGIN_GOOD_HANDLER);
    const ToolRequest request = weatherRequest();
    std::vector<std::thread> threads;
    std::vector<int> failures(8, 0);
    for (std::size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                const auto scan = good.handler->beginStream(request);
                const std::string id = std::to_string(t) + "-" + std::to_string(i) + "\n";
                if (scan->feed(id) != id.size() || scan->feed("CALL x {}") != id.size()) {
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
