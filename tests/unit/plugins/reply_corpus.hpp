#pragma once

// Real-looking model replies with what parseReply must make of them (offered tools:
// standardTools()). Not a test file itself.

#include <string>
#include <vector>

#include "plugin_test_support.hpp"

namespace claude_proxy::plugins::test {

struct CorpusCase {
    std::string label;
    std::string reply;
    std::string content;  // expected content
    std::vector<ExpectedCall> calls;
};

// A reply kept as content unchanged.
inline CorpusCase unchanged(std::string label, std::string reply) {
    CorpusCase out{std::move(label), reply, reply, {}};
    return out;
}

inline std::vector<CorpusCase> replyCorpus() {
    const ExpectedCall paris{"get_weather", R"({"city":"Paris"})"};
    const ExpectedCall rome{"get_weather", R"({"city":"Rome","unit":"c"})"};
    return {
        unchanged("plain answer", "The capital of France is Paris."),
        unchanged("empty reply", ""),
        unchanged("leading whitespace kept", "  \n  Hello there.\n"),
        {"text then a call",
         "Let me check the weather.\n\n```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```",
         "Let me check the weather.",
         {paris}},
        {"only a call, trailing newline",
         "```tool_call\n"
         R"~({"name":"get_weather","arguments":{"city":"Paris"}})~"
         "\n```\n",
         "",
         {paris}},
        {"two calls in two blocks",
         "I'll check both cities.\n\n```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```\n\n```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Rome", "unit": "c"}})~"
         "\n```\n",
         "I'll check both cities.",
         {paris, rome}},
        {"text before, between and after calls",
         "First Paris.\n```tool_call\n"
         R"~({"name":"get_weather","arguments":{"city":"Paris"}})~"
         "\n```\nThen Rome.\n```tool_call\n"
         R"~({"name":"get_weather","arguments":{"city":"Rome","unit":"c"}})~"
         "\n```\nWaiting for results.",
         "First Paris.\nThen Rome.\nWaiting for results.",
         {paris, rome}},
        {"info string with trailing spaces",
         "```tool_call   \n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```",
         "",
         {paris}},
        {"tool-call info string",
         "On it.\n```tool-call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```",
         "On it.",
         {paris}},
        {"toolcall info string, upper case",
         "```TOOLCALL\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```",
         "",
         {paris}},
        {"json fence holding a call to an offered tool",
         "Calling the tool:\n\n```json\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```",
         "Calling the tool:",
         {paris}},
        {"untagged fence holding a call",
         "```\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```",
         "",
         {paris}},
        unchanged("ordinary JSON answer in a json fence",
                  "Here is the config:\n\n```json\n{\n  \"name\": \"demo\",\n  \"version\": 2\n}\n"
                  "```\n\nSave it as package.json."),
        unchanged("json fence naming an unknown tool",
                  "Example payload:\n```json\n"
                  R"~({"name": "book_flight", "arguments": {"to": "Oslo"}})~"
                  "\n```"),
        unchanged("json fence with a call shape plus other keys",
                  "```json\n"
                  R"~({"name": "get_weather", "arguments": {"city": "Paris"}, "description": "x"})~"
                  "\n```"),
        unchanged("python block survives",
                  "Try this:\n\n```python\nimport json\nprint(json.dumps({\"name\": "
                  "\"get_weather\", \"arguments\": {}}))\n```\n\nIt prints the payload."),
        unchanged("tool_call example inside a longer markdown fence",
                  "The protocol looks like this:\n\n````markdown\n```tool_call\n"
                  R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
                  "\n```\n````\n"),
        unchanged("malformed JSON in a tool_call fence",
                  "```tool_call\n"
                  R"~({"name": "get_weather", "arguments": {"city": "Paris"})~"
                  "\n```"),
        unchanged("unknown tool in a tool_call fence",
                  "Booking.\n\n```tool_call\n"
                  R"~({"name": "book_flight", "arguments": {"to": "Oslo"}})~"
                  "\n```"),
        unchanged("arguments that are not an object",
                  "```tool_call\n"
                  R"~({"name": "get_weather", "arguments": ["Paris"]})~"
                  "\n```"),
        {"arguments as a JSON string",
         "```tool_call\n"
         R"~({"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"})~"
         "\n```",
         "",
         {paris}},
        {"array of calls in one block",
         "```tool_call\n"
         R"~([{"name": "get_weather", "arguments": {"city": "Paris"}},)~"
         "\n "
         R"~({"name": "get_weather", "arguments": {"city": "Rome", "unit": "c"}}])~"
         "\n```",
         "",
         {paris, rome}},
        {"several objects in one block, one per line",
         "```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n"
         R"~({"name": "get_weather", "arguments": {"city": "Rome", "unit": "c"}})~"
         "\n```",
         "",
         {paris, rome}},
        {"nested braces and braces inside strings",
         "Searching.\n```tool_call\n"
         R"~({"name": "search_web", "arguments": {"query": "what does } mean in {json}? \"{\"",)~"
         "\n  "
         R"~("filters": {"lang": ["en", "fr"], "range": {"from": 1, "to": [2, {"x": "]"}]}}}})~"
         "\n```",
         "Searching.",
         {{"search_web",
           R"~({"query":"what does } mean in {json}? \"{\"","filters":{"lang":["en","fr"],)~"
           R"~("range":{"from":1,"to":[2,{"x":"]"}]}}})~"}}},
        {"unicode in content and arguments",
         "天気を確認します 🌦️\n\n```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "東京 🗼", "unit": "c"}})~"
         "\n```",
         "天気を確認します 🌦️",
         {{"get_weather", R"~({"city":"東京 🗼","unit":"c"})~"}}},
        unchanged("unicode answer with emoji", "Voilà ! Ça marche 🎉 — 完成了。"),
        {"CRLF line endings",
         "Sure.\r\n\r\n```tool_call\r\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\r\n```\r\n",
         "Sure.",
         {paris}},
        {"CRLF text after a call",
         "A.\r\n```tool_call\r\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\r\n```\r\nB.\r\n",
         "A.\r\nB.\r\n",
         {paris}},
        {"unterminated tool_call fence with a complete call",
         "Let me look.\n\n```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n",
         "Let me look.",
         {paris}},
        {"unterminated tool_call fence cut inside the closing fence",
         "```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n``",
         "",
         {paris}},
        unchanged("unterminated tool_call fence with incomplete JSON",
                  "```tool_call\n"
                  R"~({"name": "get_weather", "arguments": {"city": "Pa)~"),
        unchanged("unterminated python fence", "```python\nprint('hi')\n"),
        {"tool_call tags",
         "I'll search.\n<tool_call>\n"
         R"~({"name": "search_web", "arguments": {"query": "rust 2024"}})~"
         "\n</tool_call>",
         "I'll search.",
         {{"search_web", R"~({"query":"rust 2024"})~"}}},
        {"tool_call tag without its closing tag at the end",
         "<tool_call>"
         R"~({"name": "search_web", "arguments": {"query": "rust"}})~"
         " \n",
         "",
         {{"search_web", R"~({"query":"rust"})~"}}},
        unchanged("tool_call tag mentioned in prose",
                  "Models such as Qwen wrap calls in a `<tool_call>` tag, then JSON."),
        unchanged("html in an answer", "<table><tr><td>{1}</td></tr></table>\n<toolbar/>"),
        {"parameters alias",
         "```tool_call\n"
         R"~({"name": "get_weather", "parameters": {"city": "Paris"}})~"
         "\n```",
         "",
         {paris}},
        {"input alias",
         "```tool_call\n"
         R"~({"name": "get_weather", "input": {"city": "Paris"}})~"
         "\n```",
         "",
         {paris}},
        {"OpenAI function shape with string arguments",
         "```tool_call\n"
         R"~({"type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}})~"
         "\n```",
         "",
         {paris}},
        {"tool_calls wrapper",
         "```tool_call\n"
         R"~({"tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]})~"
         "\n```",
         "",
         {paris}},
        {"call without arguments for a tool that takes none",
         "```tool_call\n"
         R"~({"name": "get_time"})~"
         "\n```",
         "",
         {{"get_time", "{}"}}},
        {"json fence with an array of calls",
         "```json\n"
         R"~([{"name": "get_weather", "arguments": {"city": "Paris"}}, {"name": "get_time", "arguments": {}}])~"
         "\n```",
         "",
         {paris, {"get_time", "{}"}}},
        {"raw line breaks inside a string argument",
         "```tool_call\n{\"name\": \"run_python\", \"arguments\": {\"code\": \"x = 1\nprint(x)\"}}"
         "\n```",
         "",
         {{"run_python", R"~({"code":"x = 1\nprint(x)"})~"}}},
        {"indented fence in a list",
         "1. Check the weather:\n   ```tool_call\n"
         R"~(   {"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n   ```\n",
         "1. Check the weather:",
         {paris}},
        unchanged(
            "unfenced JSON in prose",
            R"~(The request body is {"name": "get_weather", "arguments": {"city": "Paris"}}.)~"),
        unchanged("backticks inside a line", "Start a block with ``` and end it the same way."),
        unchanged("inline code spans", "Use `ls`, ``grep`` or `` ` `` here."),
        unchanged("tool_call fence with text after the JSON",
                  "```tool_call\n"
                  R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
                  "\nthen summarise\n```"),
        unchanged("nesting deeper than the bound",
                  "```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"a\": " +
                      std::string(70, '[') + std::string(70, ']') + "}}\n```"),
        unchanged("json fence that is not JSON at all", "```json\nnot json\n```\nDone."),
        {"ordinary JSON block, then a call",
         "Current config:\n```json\n{\"city\": \"Paris\"}\n```\nNow the weather:\n```tool_call\n"
         R"~({"name": "get_weather", "arguments": {"city": "Paris"}})~"
         "\n```",
         "Current config:\n```json\n{\"city\": \"Paris\"}\n```\nNow the weather:",
         {paris}},
    };
}

}  // namespace claude_proxy::plugins::test
