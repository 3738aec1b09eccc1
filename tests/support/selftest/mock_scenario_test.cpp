// The pure parts of the mock: marker parsing, base64, UTF-8 chunking, request parsing.
#include <doctest/doctest.h>

#include "base64.hpp"
#include "messages_request.hpp"
#include "scenario.hpp"
#include "utf8_chunks.hpp"

using namespace mock_anthropic;

TEST_CASE("mock scenario: no marker is the default scenario") {
    const Scenario scenario = parseScenario("just say hi");
    CHECK(scenario.markers.empty());
    CHECK(scenario.describe() == "default");
    CHECK_FALSE(scenario.echo);
    CHECK_FALSE(scenario.status.has_value());
}

TEST_CASE("mock scenario: several markers with values, anywhere in the text") {
    const Scenario scenario = parseScenario(
        "please\nMOCK:status=429 and MOCK:retry-after=2,MOCK:no-retry \"MOCK:slow=40\" "
        "MOCK:delay-first=100 MOCK:deltas=7 MOCK:stop=max_tokens MOCK:model=claude-x-1.5 "
        "MOCK:cache-read=12 MOCK:tool_use=get_weather");
    CHECK(scenario.status == 429);
    CHECK(scenario.retryAfterSeconds == 2);
    CHECK(scenario.noRetry);
    CHECK(scenario.deltaPause == std::chrono::milliseconds(40));
    CHECK(scenario.firstDeltaDelay == std::chrono::milliseconds(100));
    CHECK(scenario.deltaCount == 7);
    CHECK(scenario.stopReason == "max_tokens");
    CHECK(scenario.model == "claude-x-1.5");
    CHECK(scenario.cacheReadTokens == 12);
    CHECK(scenario.toolName == "get_weather");
    CHECK(scenario.problems.empty());
    CHECK(scenario.describe() ==
          "status=429 retry-after=2 no-retry slow=40 delay-first=100 deltas=7 stop=max_tokens "
          "model=claude-x-1.5 cache-read=12 tool_use=get_weather");
}

TEST_CASE("mock scenario: flags") {
    const Scenario scenario =
        parseScenario("MOCK:echo MOCK:thinking MOCK:hang MOCK:stall MOCK:midstream-error");
    CHECK(scenario.echo);
    CHECK(scenario.thinking);
    CHECK(scenario.hang);
    CHECK(scenario.stall);
    CHECK(scenario.midstreamError);
}

TEST_CASE("mock scenario: reply64 decodes standard and URL-safe base64, padded or not") {
    CHECK(parseScenario("MOCK:reply64=aMOpbGxv8J+Ygg==").replyText ==
          "h\xC3\xA9llo\xF0\x9F\x98\x82");
    CHECK(parseScenario("MOCK:reply64=aMOpbGxv8J-Ygg").replyText == "h\xC3\xA9llo\xF0\x9F\x98\x82");
    CHECK(parseScenario("MOCK:reply64=").replyText == "");  // an empty reply is allowed
    CHECK(parseScenario("MOCK:reply64=a*").replyText == std::nullopt);
}

TEST_CASE("mock scenario: unknown names and bad values are reported, not fatal") {
    const Scenario scenario = parseScenario("MOCK:bogus MOCK:status=abc MOCK:slow=-5 MOCK:echo");
    REQUIRE(scenario.problems.size() == 3);
    CHECK(scenario.problems[0] == "unknown marker: bogus");
    CHECK(scenario.problems[1] == "bad value for status: abc");
    CHECK_FALSE(scenario.status.has_value());
    CHECK(scenario.echo);
}

TEST_CASE("mock base64: rejects characters outside the alphabet") {
    CHECK(decodeBase64("aGk=") == "hi");
    CHECK(decodeBase64("a") == std::nullopt);
    CHECK(decodeBase64("a*b=") == std::nullopt);
    CHECK(decodeBase64("") == "");
}

TEST_CASE("mock utf8 chunks: never split a code point") {
    const std::string text = "a\xC3\xA9\xF0\x9F\x98\x82z";  // a é 😂 z
    const auto pieces = splitCodePoints(text, {1, 2});
    REQUIRE(pieces.size() == 3);
    CHECK(pieces[0] == "a");
    CHECK(pieces[1] == "\xC3\xA9\xF0\x9F\x98\x82");
    CHECK(pieces[2] == "z");
    CHECK(splitCodePoints("", {3}).empty());
    CHECK(splitCodePoints("\xFF\xFE", {1}).size() == 2);  // invalid bytes: one each
}

TEST_CASE("mock request: last user text joins text blocks and skips other block types") {
    std::string error;
    const auto request = parseMessagesRequest(
        R"({"model":"claude-sonnet-5-5","stream":true,
            "system":[{"type":"text","text":"S1"},{"type":"text","text":"S2"}],
            "messages":[{"role":"user","content":"first MOCK:echo"},
                        {"role":"system","content":[{"type":"text","text":"env"}]},
                        {"role":"user","content":[{"type":"text","text":"a"},
                           {"type":"image","source":{}},{"type":"text","text":"MOCK:hang"}]}]})",
        error);
    REQUIRE(request.has_value());
    CHECK(request->model == "claude-sonnet-5-5");
    CHECK(request->stream);
    CHECK(request->systemTexts == std::vector<std::string>{"S1", "S2"});
    REQUIRE(request->messages.size() == 3);
    CHECK(request->messages[1].role == "system");
    CHECK(request->lastUserText == "a\nMOCK:hang");
}

TEST_CASE("mock request: bodies that are not a messages request are rejected") {
    std::string error;
    CHECK_FALSE(parseMessagesRequest("{", error).has_value());
    CHECK(error.find("not valid JSON") != std::string::npos);
    CHECK_FALSE(parseMessagesRequest(R"({"model":"x"})", error).has_value());
    CHECK(error == "messages: field required");
}
