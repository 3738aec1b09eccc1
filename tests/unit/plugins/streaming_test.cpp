#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "common/text_util.hpp"
#include "evonic/evonic_handler.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"
#include "reply_corpus.hpp"

namespace claude_proxy::plugins::test {
namespace {

// Feeds `reply` byte by byte the way the host streams it and checks the contract of
// safeContentLength on every prefix: never more than the text, never shrinking, never
// splitting a UTF-8 sequence, and always a prefix of the final content. The handler's stream
// scanner, fed the same bytes one at a time, must give the same answer at every step.
void checkStreaming(const GenericHandler& handler, const sdk::ToolRequest& request,
                    const std::string& reply) {
    const std::string content = handler.parseReply(request, reply).content;
    const auto scanner = handler.beginStream(request);
    std::size_t previous = 0;
    for (std::size_t size = 0; size <= reply.size(); ++size) {
        const std::string_view prefix(reply.data(), size);
        const std::size_t safe = handler.safeContentLength(request, prefix);
        INFO("prefix length " << size << ": [" << std::string(prefix) << "]");
        if (size > 0) {
            REQUIRE(scanner->feed(prefix.substr(size - 1)) == safe);
        }
        REQUIRE(safe <= size);
        REQUIRE(safe >= previous);
        REQUIRE(completeUtf8Length(prefix.substr(0, safe)) == safe);
        REQUIRE(content.compare(0, safe, prefix.substr(0, safe)) == 0);
        REQUIRE(safe <= content.size());
        previous = safe;
    }
}

}  // namespace

TEST_CASE("safeContentLength is monotonic and consistent on every prefix of the corpus") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    for (const auto& item : replyCorpus()) {
        INFO("case: " << item.label);
        checkStreaming(handler, fixture.request(), item.reply);
    }
}

TEST_CASE("safeContentLength is consistent with parallel calls off and with evonic names") {
    const RequestFixture serial(standardTools(), sdk::ToolChoice::Auto, "", false);
    const GenericHandler generic;
    for (const auto& item : replyCorpus()) {
        INFO("case: " << item.label);
        checkStreaming(generic, serial.request(), item.reply);
    }
    const EvonicHandler evonic;
    const RequestFixture agent(agentTools());
    checkStreaming(evonic, agent.request(),
                   "Reading it.\n```tool_call\n{\"name\": \"fs_read_file\", \"arguments\": "
                   "{\"path\": \"README.md\"}}\n```\n");
    checkStreaming(evonic, agent.request(),
                   "```json\n{\"name\": \"web_search\", \"arguments\": {\"query\": \"x\"}}\n```");
}

TEST_CASE("plain answers stream in full") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    for (const std::string reply :
         {"The capital of France is Paris.", "Voilà ! Ça marche 🎉 — 完成了。",
          "Use a <table> or a <tool> here.", "Start a block with ``` and end it."}) {
        CHECK(handler.safeContentLength(fixture.request(), reply) == reply.size());
    }
}

TEST_CASE("text before a call streams, the call and the whitespace before it do not") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string intro = "Let me check the weather.";
    const std::string reply =
        intro + "\n\n```tool_call\n{\"name\": \"get_weather\", \"arguments\": {}}\n```";
    CHECK(handler.safeContentLength(fixture.request(), intro + "\n\n") == intro.size());
    CHECK(handler.safeContentLength(fixture.request(), intro + "\n\n`") == intro.size());
    CHECK(handler.safeContentLength(fixture.request(), intro + "\n\n``` tool") == intro.size());
    CHECK(handler.safeContentLength(fixture.request(), reply) == intro.size());
}

TEST_CASE("trailing partial markers are held back until they resolve") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const auto safe = [&](std::string_view text) {
        return handler.safeContentLength(fixture.request(), text);
    };
    CHECK(safe("Hello\n``") == 5);
    CHECK(safe("Hello\n``x") == 9);
    CHECK(safe("See <") == 3);
    CHECK(safe("See <tool_c") == 3);
    CHECK(safe("See <tool_call>") == 3);
    CHECK(safe("See <tool_call> tags") == 20);
    CHECK(safe("See <b>") == 7);
    CHECK(safe("Wait\n```json") == 4);
    CHECK(safe("Wait\n```js") == 4);
    CHECK(safe("Wait\n```jsx") == 11);
}

TEST_CASE("an ordinary code block is released once its info string is known") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string opening = "Code:\n```python\nprint(1)\n";
    CHECK(handler.safeContentLength(fixture.request(), opening) == opening.size() - 1);
    CHECK(handler.safeContentLength(fixture.request(), "Code:\n```py") == 11);
    CHECK(handler.safeContentLength(fixture.request(), "Code:\n```tool") == 5);
}

TEST_CASE("a json block is held until it closes, then released when it is no call") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string open = "Config:\n```json\n{\"a\": 1}\n";
    CHECK(handler.safeContentLength(fixture.request(), open) == 7);
    const std::string closed = open + "```\nDone.";
    CHECK(handler.safeContentLength(fixture.request(), closed) == closed.size());
    // The closing line must be complete: "```" could still grow into "```x".
    CHECK(handler.safeContentLength(fixture.request(), open + "```") == 7);
}

TEST_CASE("a cut UTF-8 sequence is never released") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string emoji = "ok \xf0\x9f\x8e\x89";
    CHECK(handler.safeContentLength(fixture.request(), emoji.substr(0, 5)) == 3);
    CHECK(handler.safeContentLength(fixture.request(), emoji) == emoji.size());
}

}  // namespace claude_proxy::plugins::test
