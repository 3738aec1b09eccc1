// The disk tier of live conversations (issue 10): when the process that held a conversation is
// gone, its next turn resumes the CLI's own transcript (kept in the proxy's state directory)
// with --resume, so the history still goes upstream as real turns.
#include <doctest/doctest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "conversation_client.hpp"
#include "harness.hpp"
#include "support/process_census.hpp"
#include "support/scratch_dir.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(20);

test_support::ProxyOptions resumeOptions(std::vector<std::string> extra = {}) {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=8", "--spare-processes=0", "--resume-sessions=true"};
    options.extraArgs.insert(options.extraArgs.end(), extra.begin(), extra.end());
    return options;
}

// The kept transcripts in a state directory.
std::vector<std::filesystem::path> keptTranscripts(const std::string& stateDir) {
    std::vector<std::filesystem::path> out;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(stateDir + "/sessions", error)) {
        out.push_back(entry.path());
    }
    return out;
}

std::string defaultStateDir(const Harness& h) {
    return h.proxy.home().path() + "/.local/state/claude-proxy";
}

// `messages` with the proxy's scratch HOME (in the environment message the CLI sends: its
// working directory is under the state directory) written as "<HOME>".
std::vector<std::string> withoutHome(std::vector<std::string> messages, const Harness& h) {
    const std::string home = h.proxy.home().path();
    for (auto& message : messages) {
        for (auto at = message.find(home); at != std::string::npos; at = message.find(home, at)) {
            message.replace(at, home.size(), "<HOME>");
        }
    }
    return messages;
}

// Ends the one kept CLI process from outside and waits until the proxy has noticed.
void killKeptProcess(const Harness& h) {
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 1; }, kBound));
    ::kill(test_support::childrenOf(h.proxy.pid()).at(0), SIGKILL);
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

}  // namespace

TEST_CASE("resume: a conversation whose process is gone continues from its kept transcript") {
    // The same two turns twice: once on one live process, once with that process killed
    // between the turns. The second turn's upstream request must be the same either way.
    std::vector<std::string> liveTurn2;
    {
        Harness live(resumeOptions());
        Conversation chat;
        chat.user("First question " + replyMarker("First answer"));
        const auto first = live.chat(chat.body());
        REQUIRE(first.status == 200);
        chat.reply(first);
        chat.user("Second question " + replyMarker("Second answer"));
        REQUIRE(live.chat(chat.body()).status == 200);
        REQUIRE(live.mock.requests().size() == 2);
        liveTurn2 = withoutHome(upstreamMessages(live.mock.requests()[1]), live);
        CHECK(metric(live, lookups("live")) == 1);
    }

    Harness h(resumeOptions());
    Conversation chat;
    chat.user("First question " + replyMarker("First answer"));
    const auto first = h.chat(chat.body());
    REQUIRE(first.status == 200);
    chat.reply(first);
    CHECK(keptTranscripts(defaultStateDir(h)).size() == 1);
    killKeptProcess(h);

    chat.user("Second question " + replyMarker("Second answer"));
    const auto second = h.chat(chat.body());
    REQUIRE(second.status == 200);
    CHECK(replyText(second) == "Second answer");
    chat.reply(second);
    CHECK(metric(h, lookups("resumed")) == 1);
    CHECK(metric(h, lookups("cold")) == 1);

    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 2);
    const auto turn2 = withoutHome(upstreamMessages(requests[1]), h);
    // The earlier turn went up as messages of their own, and only the new one was written.
    REQUIRE(turn2.size() == liveTurn2.size());
    for (std::size_t i = 0; i < turn2.size(); ++i) {
        CAPTURE(i);
        CHECK(turn2[i] == liveTurn2[i]);
    }
    CHECK(turn2.back().find("First question") == std::string::npos);
    // The system prompt the resumed run sent is the one the first run recorded.
    CHECK(parseJson(requests[1].body)["system"] == parseJson(requests[0].body)["system"]);

    // The resumed process is now the live one: turn 3 goes to it.
    chat.user("Third question " + replyMarker("Third answer"));
    const double liveBefore = metric(h, lookups("live"));
    const auto third = h.chat(chat.body(R"("stream":true)"));
    REQUIRE(third.status == 200);
    CHECK(streamedText(third.body) == "Third answer");
    CHECK(metric(h, lookups("live")) == liveBefore + 1);
    const auto turn3 = withoutHome(upstreamMessages(h.mock.requests().at(2)), h);
    REQUIRE(turn3.size() == turn2.size() + 2);
    for (std::size_t i = 0; i < turn2.size(); ++i) {
        CAPTURE(i);
        CHECK(turn3[i] == turn2[i]);
    }
    // Each finished turn replaced its session's copy: turn 1's, and the forked session's.
    CHECK(keptTranscripts(defaultStateDir(h)).size() == 2);
    CHECK(metric(h, "claude_proxy_stored_sessions") == 2);
}

TEST_CASE("resume: kept transcripts survive a restart of the proxy") {
    test_support::ScratchDir state("claude-proxy-state");
    auto options = resumeOptions({"--state-dir=" + state.path()});
    Conversation chat;
    test_support::MockAnthropic mock;
    {
        test_support::ProxyProcess proxy(mock, options);
        chat.user("Before the restart " + replyMarker("noted"));
        const auto first =
            test_support::postJson(proxy.port(), "/v1/chat/completions", chat.body());
        REQUIRE(first.status == 200);
        chat.reply(first);
        REQUIRE(proxy.sendSignal(SIGTERM));
        REQUIRE(proxy.waitForExit(kBound));
    }
    REQUIRE(keptTranscripts(state.path()).size() == 1);
    // Another HOME: the CLI finds the session because the proxy puts the copy back.
    test_support::ProxyProcess proxy(mock, options);
    chat.user("After the restart " + replyMarker("still noted"));
    const auto second = test_support::postJson(proxy.port(), "/v1/chat/completions", chat.body());
    REQUIRE(second.status == 200);
    const auto requests = mock.requests();
    REQUIRE(requests.size() == 2);
    const auto turn2 = upstreamMessages(requests[1]);
    REQUIRE(turn2.size() >= 3);
    CHECK(turn2.front().find("Before the restart") != std::string::npos);
    CHECK(turn2.back().find("After the restart") != std::string::npos);
    CHECK(turn2.back().find("Before the restart") == std::string::npos);
}

TEST_CASE("resume: a kept transcript that is damaged or gone: the history is replayed") {
    Harness h(resumeOptions());
    // Damaged: the proxy sees it before the CLI would resume it as an empty conversation.
    // Gone: deleted from the state directory behind the proxy's back.
    for (const bool damaged : {true, false}) {
        CAPTURE(damaged);
        const std::string tag = damaged ? "damaged" : "gone";
        Conversation chat;
        chat.user("alpha " + tag + " " + replyMarker("one"));
        const auto first = h.chat(chat.body());
        REQUIRE(first.status == 200);
        chat.reply(first);
        const auto before = keptTranscripts(defaultStateDir(h));
        std::filesystem::path kept;
        for (const auto& file : before) {
            std::ifstream in(file, std::ios::binary);
            std::string text(static_cast<std::size_t>(std::filesystem::file_size(file)), '\0');
            in.read(text.data(), static_cast<std::streamsize>(text.size()));
            if (text.find("alpha " + tag) != std::string::npos) {
                kept = file;
            }
        }
        REQUIRE_FALSE(kept.empty());
        if (damaged) {
            std::ofstream(kept, std::ios::trunc) << "{\"cut short";
        } else {
            std::filesystem::remove(kept);
        }
        killKeptProcess(h);

        chat.user("beta " + tag + " " + replyMarker("two"));
        const auto second = h.chat(chat.body());
        REQUIRE(second.status == 200);
        CHECK(replyText(second) == "two");
        // Either way the proxy finds out before the CLI does (the file does not read back).
        CHECK(metric(h, R"(claude_proxy_session_resumes_missed_total{reason="damaged"})") ==
              (damaged ? 1 : 2));
        // The whole history reached the model, as one replayed text.
        const auto last = upstreamMessages(h.mock.requests().back());
        const auto newest = std::find_if(last.begin(), last.end(), [&](const std::string& m) {
            return m.find("beta " + tag) != std::string::npos;
        });
        REQUIRE(newest != last.end());
        CHECK(newest->find("alpha " + tag) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(kept));
        killKeptProcess(h);
    }
    CHECK(metric(h, lookups("resumed")) == 0);
}

TEST_CASE(
    "resume: the limits drop the oldest transcripts, and with the tier off nothing is written") {
    {
        auto options = resumeOptions({"--resume-max-sessions=1"});
        options.extraArgs.at(0) = "--live-conversations=0";
        Harness h(options);
        for (const char* text : {"first conversation", "second conversation"}) {
            Conversation chat;
            chat.user(text);
            REQUIRE(h.chat(chat.body()).status == 200);
        }
        CHECK(keptTranscripts(defaultStateDir(h)).size() == 1);
        CHECK(metric(h, "claude_proxy_stored_sessions") == 1);
        CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    }
    {
        test_support::ProxyOptions off;  // CLAUDE_PROXY_RESUME_SESSIONS=false (the harness's)
        off.extraArgs = {"--live-conversations=8"};
        Harness h(off);
        Conversation chat;
        chat.user("nothing kept");
        REQUIRE(h.chat(chat.body()).status == 200);
        CHECK(keptTranscripts(defaultStateDir(h)).empty());
        CHECK(metric(h, "claude_proxy_stored_sessions") == 0);
    }
}
