#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/refusal.hpp"
#include "common/refusal_tokens.hpp"
#include "evonic/evonic_handler.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"
#include "refusal_corpus.hpp"

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

RefusalAssessment assess(std::string_view reply, const std::vector<ToolSpec>& tools) {
    const RequestFixture fixture(tools);
    return assessRefusal(normalizeForMatching(reply), fixture.request());
}

bool hasReason(const RefusalAssessment& assessment, std::string_view reason) {
    for (const auto& line : assessment.reasons) {
        if (line == reason) {
            return true;
        }
    }
    return false;
}

struct LogCapture {
    std::vector<std::pair<int, std::string>> lines;
};

void captureLog(void* state, std::int32_t level, cp_str message) {
    static_cast<LogCapture*>(state)->lines.emplace_back(level,
                                                        std::string(message.data, message.size));
}

}  // namespace

TEST_CASE("normalizeForMatching folds case, apostrophes, emphasis, spaces and contractions") {
    CHECK(normalizeForMatching("I\xe2\x80\x99M  **Not**\n able") == "i am not able");
    CHECK(normalizeForMatching("Can't, CAN NOT, won't, don't, I've") ==
          "cannot, cannot, will not, do not, i have");
    CHECK(normalizeForMatching("caf\xc3\xa9 \xf0\x9f\x8e\x89") == "caf\xc3\xa9 \xf0\x9f\x8e\x89");
}

TEST_CASE("normalizeForMatching spells out more contractions, also without apostrophes") {
    CHECK(normalizeForMatching("I'd, I'll, that's, there's, it's, isn't, couldn't") ==
          "i would, i will, that is, there is, it is, is not, could not");
    CHECK(normalizeForMatching("i cant, i dont, it doesnt, im sure") ==
          "i cannot, i do not, it does not, i am sure");
    // Words that merely contain the letters stay as they are.
    CHECK(normalizeForMatching("cannot canon scanner candle") == "cannot canon scanner candle");
    CHECK(normalizeForMatching("'can't'") == "'cannot'");
    CHECK(normalizeForMatching("can notably") == "can notably");
}

TEST_CASE("tokenizeForMatching: words, joiners, marks, code and quotes") {
    const RefusalTokens tokens = tokenizeForMatching(
        "i cannot use fs.readfile or real-time data\xe2\x80\x94sorry. \"i cannot\" `x y` "
        "```py\ncode here\n``` end");
    std::vector<std::string> texts;
    for (const auto& token : tokens.tokens) {
        texts.emplace_back(token.text);
    }
    CHECK(texts == std::vector<std::string>{
                       "i",      "cannot",       "use",   "fs.readfile", "or",  "real-time",
                       "data",   "\xe2\x80\x94", "sorry", ".",           "\"",  "i",
                       "cannot", "\"",           "x",     "y",           "```", "py",
                       "code",   "here",         "```",   "end"});
    CHECK(tokens.words == 16);
    CHECK(tokens.tokens[9].sentenceEnd);
    CHECK(tokens.tokens[11].quoted);
    CHECK(tokens.tokens[14].code);
    CHECK_FALSE(tokens.tokens[14].fenced);
    CHECK(tokens.tokens[17].fenced);
    CHECK_FALSE(tokens.tokens[21].code);

    const RefusalTokens limited = tokenizeForMatching("one two three four", 2);
    CHECK(limited.truncated);
    CHECK(limited.words == 3);
}

TEST_CASE("PhraseMatcher matches templates token by token, longest match first") {
    const PhraseMatcher matcher({"i {cannot|am unable to} {|really }go", "no tools"});
    const auto endOf = [&](std::string_view text) {
        return matcher.matchEnd(tokenizeForMatching(text).tokens, 0);
    };
    CHECK(endOf("i am unable to really go now") == 6);
    CHECK(endOf("i cannot go") == 3);
    CHECK(endOf("no tools.") == 2);
    CHECK(endOf("i cannot stay") == 0);
    CHECK(endOf("no toolsets") == 0);
    CHECK(matcher.foundIn(tokenizeForMatching("well, i  cannot   really go").tokens));
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

TEST_CASE("assessRefusal gives a score and the reasons for it") {
    const RefusalAssessment refusal = assess("I can't browse the internet.", standardTools());
    CHECK(refusal.isRefusal);
    CHECK(refusal.score >= kRefusalThreshold);
    CHECK(hasReason(refusal, "cue \"i cannot\" +2.0"));
    CHECK(hasReason(refusal, "verb \"browse\" +1.5"));
    CHECK(hasReason(refusal, "capability \"internet\" +2.0"));
    CHECK(refusal.reasons.back() == "score 6.0 >= 4.0");
    CHECK(describeAssessment(refusal) ==
          "refusal: cue \"i cannot\" +2.0, verb \"browse\" +1.5, capability \"internet\" +2.0, "
          "short reply (5 words) +0.5, score 6.0 >= 4.0");

    const RefusalAssessment answer = assess("The capital of France is Paris.", standardTools());
    CHECK_FALSE(answer.isRefusal);
    CHECK(answer.score == 0.0);
    CHECK(answer.reasons == std::vector<std::string>{"no inability cue", "score 0.0 < 4.0"});
}

TEST_CASE("what the offered tools are about decides whether an inability is a refusal") {
    // No calendar tool: the model rightly says it cannot see the user's calendar.
    CHECK_FALSE(assess("I can't check your calendar.", standardTools()).isRefusal);
    CHECK(assess("I can't check your calendar.", officeTools()).isRefusal);
    // Naming an offered tool is strong evidence.
    const RefusalAssessment named = assess("I can't use get_weather.", standardTools());
    CHECK(named.isRefusal);
    CHECK(hasReason(named, "offered tool \"getweather\" +2.5"));
    CHECK(assess("I can't use get_weather.", standardTools()).score >
          assess("I can't use that.", standardTools()).score);
    // So is a word of its description.
    CHECK(hasReason(assess("I can't tell you the weather.", standardTools()),
                    "tool word \"weather\" +1.5"));
}

TEST_CASE("inabilities no tool would change are not refusals") {
    for (const std::string_view reply : {
             "I can't recommend one over the other.",
             "I cannot stress enough how important tests are.",
             "I can't wait to try it.",
             "I can't be sure, but the internet says it is sunny.",
             "I won't run that command: it deletes your home directory.",
             "I cannot feel emotions, but I understand.",
             "I don't have a strong opinion on tools like these.",
             "I don't have enough information to pick a tool.",
             "I didn't change the functions yet.",
             "Your function can't be called from another thread.",
             "```\n// I cannot access the internet from this function\n```",
             "\"I can't access the internet\" is what the app prints when offline.",
             "If I can't reach the web tool, I'll tell you.",
             "I can't check the weather without knowing the city. Which city?",
             "The search tool returned an error, so I can't give you live results yet.",
             "I can't give legal advice about internet contracts.",
         }) {
        INFO("reply: " << reply);
        const RefusalAssessment assessment = assess(reply, standardTools());
        INFO(describeAssessment(assessment));
        CHECK_FALSE(assessment.isRefusal);
    }
}

TEST_CASE("a refusal buried in a long answer is not a refusal") {
    std::string reply = "I can't browse the internet, but here is what I know. ";
    for (int i = 0; i < 60; ++i) {
        reply += "Paris is lovely in May. ";
    }
    const RefusalAssessment assessment = assess(reply, standardTools());
    CHECK_FALSE(assessment.isRefusal);
    CHECK(hasReason(assessment, "long reply: more than 300 words or 1200 tokens"));
    // Somewhat long: penalized, not excluded.
    std::string medium = "I can't browse the internet. ";
    for (int i = 0; i < 12; ++i) {
        medium += "Paris is lovely in May. ";
    }
    CHECK(hasReason(assess(medium, standardTools()), "long reply (65 words) -0.1"));
}

TEST_CASE("checkRefusal logs the assessment") {
    LogCapture capture;
    const cp_host_api api{sizeof(cp_host_api), CP_TOOLCALL_ABI_MAJOR, CP_TOOLCALL_ABI_MINOR,
                          &capture, &captureLog};
    GenericHandler handler;
    handler.attachHost(sdk::Host(&api));
    const RequestFixture fixture(standardTools());
    CHECK(handler.checkRefusal(fixture.request(), "I can't browse the web.", false).isRefusal);
    CHECK_FALSE(handler.checkRefusal(fixture.request(), "It is sunny.", false).isRefusal);
    REQUIRE(capture.lines.size() == 2);
    CHECK(capture.lines[0].first == CP_LOG_INFO);
    CHECK(capture.lines[0].second.rfind("refusal check: refusal: cue \"i cannot\"", 0) == 0);
    CHECK(capture.lines[1].first == CP_LOG_DEBUG);
    CHECK(capture.lines[1].second ==
          "refusal check: not a refusal: no inability cue, score 0.0 < 4.0");
    // Nothing to judge, nothing logged.
    CHECK_FALSE(handler.checkRefusal(fixture.request(), "It is sunny.", true).isRefusal);
    CHECK(capture.lines.size() == 2);
}

TEST_CASE("refusal checks of 1 MB replies are fast, whatever the reply is made of") {
    const auto repeat = [](std::string_view piece) {
        std::string out;
        while (out.size() < 1024 * 1024) {
            out += piece;
        }
        return out;
    };
    const std::vector<std::pair<std::string, std::string>> shapes = {
        {"refusal sentences", repeat("I'm sorry, but I can't browse the internet or use tools. ")},
        {"contractions only", repeat("can't won't don't I'm ")},
        {"one word", std::string(1024 * 1024, 'a')},
        {"punctuation only", repeat("!?.,;:")},
        {"an open code fence", "```\n" + repeat("I cannot access the file. ")},
        {"curly quotes and dashes",
         repeat("\xe2\x80\x9cI can\xe2\x80\x99t\xe2\x80\x9d \xe2\x80\x94 ")},
    };
    const GenericHandler generic;
    const EvonicHandler evonic;
    const RequestFixture fixture(devTools());
    for (const auto& [name, reply] : shapes) {
        for (const GenericHandler* handler :
             {&generic, static_cast<const GenericHandler*>(&evonic)}) {
            const std::string which = handler == &generic ? "generic" : "evonic";
            const auto started = std::chrono::steady_clock::now();
            const bool refusal = handler->checkRefusal(fixture.request(), reply, false).isRefusal;
            const double ms = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - started)
                                  .count();
            MESSAGE(name << " (" << reply.size() << " bytes, " << which << "): " << ms << " ms");
            CHECK_FALSE(refusal);
            CHECK(ms < 500.0);  // about 10 ms on a laptop; generous for a loaded machine
        }
    }
}

}  // namespace claude_proxy::plugins::test
