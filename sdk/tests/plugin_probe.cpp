// plugin_probe: loads one plugin through the host's real loader (HandlerRegistry) and calls
// every hook once, the way the server would (streaming through beginStream, which takes the
// ABI 1.1 stream hooks when the plugin has them). Used by the SDK tests to prove that a plugin
// built against the *installed* SDK loads and works in claude-proxy.
//
//   plugin_probe <plugin.so> <expected handler name, or - for any> [--round-trip]
//
// --round-trip: the handler's own rendering of an earlier call must parse back into that call
// (true of any protocol where the transcript shows calls the way the model writes them).
// Exit status 0 when everything held, 1 otherwise; one line per step on stdout.
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "claude_proxy/toolcall_abi.h"
#include "toolcall/handler_registry.hpp"

namespace {

using claude_proxy::openai::ToolCallRecord;
using claude_proxy::openai::ToolRequest;
using claude_proxy::toolcall::HandlerError;
using claude_proxy::toolcall::HandlerRegistry;
using claude_proxy::toolcall::ToolCallHandler;

bool sameJson(const std::string& left, const std::string& right) {
    rapidjson::Document a;
    rapidjson::Document b;
    a.Parse(left.c_str());
    b.Parse(right.c_str());
    return !a.HasParseError() && !b.HasParseError() && a == b;
}

ToolRequest sampleRequest() {
    ToolRequest request;
    request.tools.push_back(
        {"get_weather", "Current weather for a city",
         R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})"});
    request.tools.push_back({"get_time", "The time in a time zone", "{}"});
    return request;
}

bool exercise(const ToolCallHandler& handler, bool roundTrip) {
    const ToolRequest request = sampleRequest();
    const std::string instructions = handler.renderInstructions(request);
    std::cout << "render_instructions: " << instructions.size() << " bytes\n";
    if (instructions.empty()) {
        std::cout << "FAIL: empty instructions\n";
        return false;
    }

    const std::vector<ToolCallRecord> calls = {
        {"call_probe1", "get_weather", R"({"city":"Oslo"})"}};
    const std::string turn = handler.renderAssistantTurn("Let me check.", calls);
    std::cout << "render_assistant_turn: " << turn << "\n";
    std::cout << "render_tool_result: "
              << handler.renderToolResult("call_probe1", "get_weather", "12 C, light rain") << "\n";

    const auto parsed = handler.parseReply(request, turn);
    std::cout << "parse_reply: content '" << parsed.content << "', " << parsed.calls.size()
              << " call(s)\n";
    const std::size_t safe = handler.safeContentLength(request, turn);
    std::cout << "safe_content_length: " << safe << " of " << turn.size() << "\n";
    // The same turn streamed in pieces of 3 bytes: the answers must never shrink nor pass the
    // text, and at the end the stream must hold back at least what safe_content_length does.
    std::size_t streamed = 0;
    {
        const auto scan = handler.beginStream(request);
        for (std::size_t at = 0; at < turn.size(); at += 3) {
            const std::size_t next = scan->feed(std::string_view(turn).substr(at, 3));
            if (next < streamed || next > std::min(turn.size(), at + 3)) {
                std::cout << "FAIL: the stream answered " << next << " after " << streamed << "\n";
                return false;
            }
            streamed = next;
        }
    }
    std::cout << "stream: " << streamed << " of " << turn.size() << "\n";
    const auto verdict = handler.checkRefusal(request, "I don't have access to any tools.", false);
    std::cout << "check_refusal: "
              << (verdict.isRefusal ? "refusal, nudge: " + verdict.nudge
                                    : std::string("not a refusal"))
              << "\n";

    if (roundTrip) {
        if (parsed.calls.size() != 1 || parsed.calls[0].name != "get_weather" ||
            !sameJson(parsed.calls[0].argumentsJson, calls[0].argumentsJson)) {
            std::cout << "FAIL: the rendered call did not parse back\n";
            return false;
        }
        if (safe > turn.find("get_weather")) {
            std::cout << "FAIL: safe_content_length lets part of a call through\n";
            return false;
        }
        if (streamed > turn.find("get_weather")) {
            std::cout << "FAIL: the stream lets part of a call through\n";
            return false;
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4 || (argc == 4 && std::string(argv[3]) != "--round-trip")) {
        std::cerr << "usage: plugin_probe <plugin.so> <expected name | -> [--round-trip]\n";
        return 2;
    }
    const std::string path = argv[1];
    const std::string expected = argv[2];
    const bool roundTrip = argc == 4;

    HandlerRegistry registry;
    const auto result = registry.loadFile(
        path, [](int level, const std::string& module, const std::string& message) {
            std::cout << "log " << level << " [" << module << "] " << message << "\n";
        });
    if (!result.loaded) {
        std::cout << "FAIL: " << result.message << "\n";
        return EXIT_FAILURE;
    }
    std::cout << "loaded '" << result.name << "' " << result.version << " from " << result.path
              << "\n";
    if (expected != "-" && result.name != expected) {
        std::cout << "FAIL: expected the name '" << expected << "'\n";
        return EXIT_FAILURE;
    }
    try {
        if (!exercise(*registry.find(result.name), roundTrip)) {
            return EXIT_FAILURE;
        }
    } catch (const HandlerError& error) {
        std::cout << "FAIL: " << error.what() << "\n";
        return EXIT_FAILURE;
    }
    std::cout << "OK\n";
    return EXIT_SUCCESS;
}
