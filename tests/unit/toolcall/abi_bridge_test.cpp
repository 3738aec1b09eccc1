#include "toolcall/abi_bridge.hpp"

#include <doctest/doctest.h>

#include <string>

#include "toolcall_test_support.hpp"

namespace {

using claude_proxy::toolcall::clampSafeLength;
using claude_proxy::toolcall::cStr;
using claude_proxy::toolcall::cToolCalls;
using claude_proxy::toolcall::CToolRequest;
using claude_proxy::toolcall::oneLine;
using claude_proxy::toolcall::ReplyBuffer;
using claude_proxy::toolcall::TextBuffer;
using claude_proxy::toolcall::view;
using claude_proxy::toolcall::test::weatherRequest;

}  // namespace

TEST_CASE("oneLine flattens, trims, repairs and shortens text for a log line") {
    CHECK(oneLine("  failed:\nline two\r\n") == "failed: line two");
    CHECK(oneLine("tab\there") == "tab here");
    CHECK(oneLine("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    CHECK(oneLine(" \n\t ").empty());
    CHECK(oneLine("abcdef", 4) == "abcd...");
    CHECK(oneLine("a\xC3\xA9z", 2) == "a...");  // never cuts a character in half
}

TEST_CASE("a safe content length is clamped to the text and never splits a character") {
    const std::string text = "ab\xC3\xA9\xE2\x82\xAC";  // a b é €
    CHECK(clampSafeLength(text, 0) == 0);
    CHECK(clampSafeLength(text, 2) == 2);
    CHECK(clampSafeLength(text, 3) == 2);  // inside é
    CHECK(clampSafeLength(text, 4) == 4);
    CHECK(clampSafeLength(text, 5) == 4);  // inside €
    CHECK(clampSafeLength(text, 6) == 4);
    CHECK(clampSafeLength(text, 7) == 7);
    CHECK(clampSafeLength(text, 1000) == 7);
    CHECK(clampSafeLength(text, UINT64_MAX) == 7);
}

TEST_CASE("CToolRequest shows the request's tools and options to C without copying") {
    const auto request = weatherRequest();
    const CToolRequest cRequest(request);
    const cp_tool_request* c = cRequest.get();
    CHECK(c->struct_size == sizeof(cp_tool_request));
    REQUIRE(c->tool_count == 2);
    CHECK(view(c->tools[0].name) == "get_weather");
    CHECK(view(c->tools[0].description) == "Weather for a city");
    CHECK(view(c->tools[0].parameters_json) == request.tools[0].parametersJson);
    CHECK(c->tools[1].name.data == request.tools[1].name.data());
    CHECK(c->tool_choice == CP_TOOL_CHOICE_NAMED);
    CHECK(view(c->named_tool) == "get_time");
    CHECK(c->parallel_tool_calls == 0);

    const claude_proxy::openai::ToolRequest none;
    const CToolRequest empty(none);
    CHECK(empty.get()->tool_count == 0);
    CHECK(empty.get()->tools == nullptr);
    CHECK(empty.get()->tool_choice == CP_TOOL_CHOICE_AUTO);
    CHECK(empty.get()->parallel_tool_calls == 1);
}

TEST_CASE("cToolCalls shows each call's id, name and arguments") {
    const std::vector<claude_proxy::openai::ToolCallRecord> calls = {{"call_1", "f", "{}"}};
    const auto c = cToolCalls(calls);
    REQUIRE(c.size() == 1);
    CHECK(view(c[0].id) == "call_1");
    CHECK(view(c[0].name) == "f");
    CHECK(view(c[0].arguments_json) == "{}");
}

TEST_CASE("sinks append, and a NULL pointer with a size is a fault, not a crash") {
    TextBuffer text;
    cp_text_sink sink = text.sink();
    sink.append(sink.state, cStr("one "));
    sink.append(sink.state, cp_str{nullptr, 0});
    sink.append(sink.state, cStr("two"));
    CHECK(text.text == "one two");
    CHECK(text.fault.empty());
    sink.append(sink.state, cp_str{nullptr, 3});
    CHECK(text.fault == "wrote a NULL string of size 3");

    ReplyBuffer reply;
    cp_reply_sink replySink = reply.sink();
    replySink.append_content(replySink.state, cStr("hi "));
    replySink.add_tool_call(replySink.state, cStr("f"), cStr("{\"a\":1}"));
    replySink.append_content(replySink.state, cStr("there"));
    replySink.add_tool_call(replySink.state, cStr("g"), cp_str{nullptr, 0});
    CHECK(reply.reply.content == "hi there");
    REQUIRE(reply.reply.calls.size() == 2);
    CHECK(reply.reply.calls[0].name == "f");
    CHECK(reply.reply.calls[0].argumentsJson == "{\"a\":1}");
    CHECK(reply.reply.calls[1].argumentsJson.empty());
    CHECK(reply.fault.empty());
}
