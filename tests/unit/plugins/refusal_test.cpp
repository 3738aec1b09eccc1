#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/refusal.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"

namespace claude_proxy::plugins::test {
namespace {

// Replies that claim the tools cannot be used (with the curly apostrophes models often write).
const std::vector<std::string> kFalseRefusals = {
    "I don't have access to tools that can check the weather.",
    "I\xe2\x80\x99m sorry, but I don\xe2\x80\x99t have access to real-time data.",
    "I can't call functions in this conversation.",
    "I cannot browse the internet, but Paris is usually mild in May.",
    "As an AI, I can't execute code. The output would be 42.",
    "As an AI language model, I do not have the ability to look that up.",
    "I don't have the ability to check live prices.",
    "Unfortunately there are no tools available to me right now.",
    "I'm unable to access real-time information such as today's weather.",
    "I\xe2\x80\x99m not able to use external tools.",
    "I **can't** search the web for you.",
    "I do not have internet access, so I can only guess.",
    "I can\xe2\x80\x99t make function calls.",
};

// Ordinary answers under Auto that must not be retried.
const std::vector<std::string> kAnswers = {
    "The capital of France is Paris.",
    "You can use the get_weather tool later if you need a forecast; for now: it is sunny.",
    "A tool like a hammer is used to drive nails.",
    "I don't have a strong opinion, but both options work.",
    "Functions in Python are defined with def.",
    "I can't recommend that approach: it leaks memory. Use a pool instead.",
    "I cannot stress enough how important tests are.",
    "I don't have access to your calendar entries unless you paste them.",
    "",
};

}  // namespace

TEST_CASE("normalizeForMatching folds case, apostrophes, emphasis, spaces and contractions") {
    CHECK(normalizeForMatching("I\xe2\x80\x99M  **Not**\n able") == "i am not able");
    CHECK(normalizeForMatching("Can't, CAN NOT, won't, don't, I've") ==
          "cannot, cannot, will not, do not, i have");
    CHECK(normalizeForMatching("caf\xc3\xa9 \xf0\x9f\x8e\x89") == "caf\xc3\xa9 \xf0\x9f\x8e\x89");
}

TEST_CASE("expandPhrases expands every alternative, empty ones included") {
    const auto phrases = expandPhrases({"i {cannot|am unable to} {|really }go"});
    CHECK(phrases == std::vector<std::string>{"i cannot go", "i cannot really go",
                                              "i am unable to go", "i am unable to really go"});
}

TEST_CASE("containsPhrase matches whole words only") {
    const std::vector<std::string> phrases = {"no tools"};
    CHECK(containsPhrase("there are no tools here", phrases));
    CHECK(containsPhrase("no tools", phrases));
    CHECK_FALSE(containsPhrase("piano toolsets", phrases));
    CHECK_FALSE(containsPhrase("no toolsets", phrases));
}

TEST_CASE("false refusals under Auto are caught and nudged") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    for (const auto& reply : kFalseRefusals) {
        INFO("reply: " << reply);
        const sdk::RefusalVerdict verdict = handler.checkRefusal(fixture.request(), reply, false);
        CHECK(verdict.isRefusal);
        CHECK(verdict.nudge.find("```tool_call\n{\"name\": \"get_weather\"") != std::string::npos);
        CHECK(verdict.nudge.find("Call the appropriate tool now") != std::string::npos);
    }
}

TEST_CASE("ordinary answers under Auto are not refusals") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    for (const auto& reply : kAnswers) {
        INFO("reply: " << reply);
        const sdk::RefusalVerdict verdict = handler.checkRefusal(fixture.request(), reply, false);
        CHECK_FALSE(verdict.isRefusal);
        CHECK(verdict.nudge.empty());
    }
}

TEST_CASE("after tool results a plain answer under Auto is normal, whatever it says") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    CHECK_FALSE(handler.checkRefusal(fixture.request(), kFalseRefusals[0], true).isRefusal);
    CHECK_FALSE(handler.checkRefusal(fixture.request(), "It is 18°C in Paris.", true).isRefusal);
}

TEST_CASE("Required and Named demand a call: any reply without one is a refusal") {
    const GenericHandler handler;
    const RequestFixture required(standardTools(), sdk::ToolChoice::Required);
    for (const bool afterResult : {false, true}) {
        const auto verdict = handler.checkRefusal(required.request(),
                                                  "The capital of France is Paris.", afterResult);
        CHECK(verdict.isRefusal);
        CHECK(verdict.nudge.find("must call at least one tool") != std::string::npos);
    }
    const RequestFixture named(standardTools(), sdk::ToolChoice::Named, "search_web");
    const auto verdict = handler.checkRefusal(named.request(), "Sure, here it is.", false);
    CHECK(verdict.isRefusal);
    CHECK(verdict.nudge.find("Call the tool search_web now.") != std::string::npos);
    CHECK(verdict.nudge.find("{\"name\": \"search_web\", \"arguments\": {\"query\": \"...\"}}") !=
          std::string::npos);
}

TEST_CASE("tool_choice none is never a refusal") {
    const GenericHandler handler;
    const RequestFixture none(standardTools(), sdk::ToolChoice::None);
    CHECK_FALSE(handler.checkRefusal(none.request(), kFalseRefusals[0], false).isRefusal);
}

}  // namespace claude_proxy::plugins::test
