// Live conversations (issue 10): the next turn of a conversation goes to the CLI process that
// holds its history; anything that is not that conversation gets a process of its own.
#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>

#include <string>
#include <vector>

#include "conversation_client.hpp"
#include "harness.hpp"
#include "support/process_census.hpp"
#include "support/sse_events.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::RecordedRequest;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::toJson;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(20);

test_support::ProxyOptions liveOptions(std::vector<std::string> extra = {}) {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=8", "--spare-processes=0"};
    options.extraArgs.insert(options.extraArgs.end(), extra.begin(), extra.end());
    return options;
}

}  // namespace

TEST_CASE("live: turn 3 goes upstream as turn 2's messages plus turn 2's reply, one process") {
    Harness h(liveOptions());
    Conversation chat;
    chat.user("First question " + replyMarker("First answer"));
    auto first = h.chat(chat.body());
    REQUIRE(first.status == 200);
    CHECK(replyText(first) == "First answer");
    chat.reply(first);
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 1; }, kBound));
    const auto pids = test_support::childrenOf(h.proxy.pid());

    chat.user("Second question " + replyMarker("Second answer"));
    auto second = h.chat(chat.body());
    REQUIRE(second.status == 200);
    CHECK(replyText(second) == "Second answer");
    chat.reply(second);

    // Streamed this time: the same conversation either way.
    chat.user("Third question " + replyMarker("Third answer"));
    const auto third = h.chat(chat.body(R"("stream":true)"));
    REQUIRE(third.status == 200);
    CHECK(streamedText(third.body) == "Third answer");

    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 3);
    const auto turn2 = upstreamMessages(requests[1]);
    const auto turn3 = upstreamMessages(requests[2]);
    // Every earlier turn is a message of its own, and turn 3 repeats turn 2 exactly.
    REQUIRE(turn3.size() == turn2.size() + 2);
    for (std::size_t i = 0; i < turn2.size(); ++i) {
        CAPTURE(i);
        CHECK(turn3[i] == turn2[i]);
    }
    CHECK(turn3[turn2.size()].find("\"role\":\"assistant\"") != std::string::npos);
    CHECK(turn3[turn2.size()].find("Second answer") != std::string::npos);
    CHECK(turn3.back().find("Third question") != std::string::npos);
    // Only the new message went in: no replayed transcript in turn 3's last user message.
    CHECK(turn3.back().find("First question") == std::string::npos);
    CHECK(test_support::childrenOf(h.proxy.pid()) == pids);
    CHECK(metric(h, lookups("live")) == 2);
    CHECK(metric(h, lookups("cold")) == 1);
}

TEST_CASE("live: an edited history or a regenerate never reuses the kept process") {
    Harness h(liveOptions());
    Conversation chat;
    chat.user("Tell me about A");
    const auto first = h.chat(chat.body());
    REQUIRE(first.status == 200);
    chat.reply(first);

    // Regenerate: the same messages again, without the reply.
    Conversation regenerate;
    regenerate.user("Tell me about A");
    REQUIRE(h.chat(regenerate.body()).status == 200);

    // Edited: the first user message changed, the rest kept.
    Conversation edited;
    edited.user("Tell me about B");
    edited.reply(first);
    edited.user("And more " + replyMarker("edited answer"));
    const auto answer = h.chat(edited.body());
    REQUIRE(answer.status == 200);
    CHECK(replyText(answer) == "edited answer");

    CHECK(metric(h, lookups("live")) == 0);
    CHECK(metric(h, lookups("cold")) == 3);
    // The edited request reached the model as its whole, new history.
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 3);
    const auto last = upstreamMessages(requests[2]);
    REQUIRE_FALSE(last.empty());
    CHECK(last.front().find("Tell me about B") != std::string::npos);
    CHECK(last.front().find("Tell me about A") == std::string::npos);
}

TEST_CASE("live: interleaved conversations each continue their own process, never the other's") {
    Harness h(liveOptions());
    Conversation a;
    Conversation b;
    a.user("alpha one");
    const auto a1 = h.chat(a.body());
    REQUIRE(a1.status == 200);
    a.reply(a1);
    b.user("beta one");
    const auto b1 = h.chat(b.body());
    REQUIRE(b1.status == 200);
    b.reply(b1);
    a.user("alpha two");
    REQUIRE(h.chat(a.body()).status == 200);
    b.user("beta two");
    REQUIRE(h.chat(b.body()).status == 200);

    CHECK(metric(h, lookups("live")) == 2);
    CHECK(metric(h, "claude_proxy_live_processes") == 2);
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 4);
    const std::string a2 = requests[2].body;
    const std::string b2 = requests[3].body;
    CHECK(a2.find("alpha one") != std::string::npos);
    CHECK(a2.find("beta") == std::string::npos);
    CHECK(b2.find("beta one") != std::string::npos);
    CHECK(b2.find("alpha") == std::string::npos);
}

TEST_CASE("live: a process killed from outside between turns, and a client gone mid-turn") {
    Harness h(liveOptions());
    Conversation chat;
    chat.user("one");
    const auto first = h.chat(chat.body());
    REQUIRE(first.status == 200);
    chat.reply(first);
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 1; }, kBound));
    const auto kept = test_support::childrenOf(h.proxy.pid()).at(0);
    ::kill(kept, SIGKILL);
    // The pool notices; the next turn still answers, from a new process with the whole history.
    chat.user("two " + replyMarker("still here"));
    const auto second = h.chat(chat.body());
    REQUIRE(second.status == 200);
    CHECK(replyText(second) == "still here");
    chat.reply(second);
    CHECK(h.mock.requests().back().body.find("one") != std::string::npos);

    // A client that hangs up mid-turn: that process is ended, never kept.
    chat.user("three MOCK:hang");
    {
        test_support::StreamingRequest hanging(h.proxy.port(), "POST", "/v1/chat/completions",
                                               chat.body(R"("stream":true)"),
                                               {{"Content-Type", "application/json"}});
        REQUIRE(h.mock.waitForRequests(
            [](const auto& requests) { return requests.back().scenario == "hang"; }, kBound));
        hanging.abort();
    }
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    CHECK(metric(h, "claude_proxy_live_processes") == 0);
    // And the conversation goes on.
    Conversation fresh;
    fresh.user("four " + replyMarker("answered"));
    const auto fourth = h.chat(fresh.body());
    REQUIRE(fourth.status == 200);
    CHECK(replyText(fourth) == "answered");
}

TEST_CASE("live: a tool loop followed by more turns stays on one process") {
    Harness h(liveOptions());
    const std::string tools =
        R"("tools":[{"type":"function","function":{"name":"get_weather","parameters":)"
        R"({"type":"object","properties":{"city":{"type":"string"}}}}}])";
    Conversation chat;
    chat.user("Weather in Lima? " +
              replyMarker("```tool_call\n{\"name\": \"get_weather\", \"arguments\": "
                          "{\"city\": \"Lima\"}}\n```"));
    const auto call = h.chat(chat.body(tools));
    REQUIRE(call.status == 200);
    const auto callBody = parseJson(call.body);
    REQUIRE(stringAt(callBody, "/choices/0/finish_reason") == "tool_calls");
    const std::string callId = stringAt(callBody, "/choices/0/message/tool_calls/0/id");
    chat.reply(call);
    chat.toolResult(callId, "18 degrees and sunny " + replyMarker("It is 18 degrees in Lima."));
    const auto answer = h.chat(chat.body(tools));
    REQUIRE(answer.status == 200);
    CHECK(replyText(answer) == "It is 18 degrees in Lima.");
    chat.reply(answer);
    chat.user("Thanks! " + replyMarker("You are welcome."));
    const auto more = h.chat(chat.body(tools));
    REQUIRE(more.status == 200);
    CHECK(replyText(more) == "You are welcome.");

    CHECK(metric(h, lookups("live")) == 2);
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 3);
    // The tool result went in alone, in the handler's protocol.
    const auto turn2 = upstreamMessages(requests[1]);
    CHECK(turn2.back().find("18 degrees and sunny") != std::string::npos);
    CHECK(turn2.back().find("Weather in Lima") == std::string::npos);
}

TEST_CASE("live: over the memory budget the kept process is ended") {
    // One CLI process alone holds far more than 1 MB.
    Harness h(liveOptions({"--process-memory-budget-mb=1"}));
    Conversation chat;
    chat.user("one");
    REQUIRE(h.chat(chat.body()).status == 200);
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    CHECK(metric(h, R"(claude_proxy_process_evictions_total{reason="memory"})") == 1);
    CHECK(metric(h, "claude_proxy_live_processes") == 0);
}

TEST_CASE("live: a spare serves the first turn, and another is started in its place") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=4", "--spare-processes=1"};
    Harness h(options);
    REQUIRE(waitUntil([&] { return metric(h, "claude_proxy_spare_processes") == 1; }, kBound));
    Conversation chat;
    chat.user("hello " + replyMarker("from a spare"));
    const auto answer = h.chat(chat.body());
    REQUIRE(answer.status == 200);
    CHECK(replyText(answer) == "from a spare");
    CHECK(metric(h, lookups("spare")) == 1);
    REQUIRE(waitUntil([&] { return metric(h, "claude_proxy_spare_processes") == 1; }, kBound));
    // The system prompt and the model were set on the spare as they would be on a new one.
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].model == "claude-sonnet-5-5");
    const auto health = parseJson(get(h.proxy.port(), "/health").body);
    CHECK(health["live_conversations"].GetUint() == 1);
    CHECK(health["spare_processes"].GetUint() == 1);
}

TEST_CASE("live: shutdown ends kept and spare processes, none left behind") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=4", "--spare-processes=1"};
    Harness h(options);
    Conversation chat;
    chat.user("one");
    REQUIRE(h.chat(chat.body()).status == 200);
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 2; }, kBound));  // kept + spare
    const auto children = test_support::childrenOf(h.proxy.pid());
    REQUIRE(h.proxy.sendSignal(SIGTERM));
    const auto exit = h.proxy.waitForExit(kBound);
    REQUIRE(exit);
    CHECK(exit->exitedWith(0));
    for (const auto pid : children) {
        CHECK_FALSE(test_support::isAlive(pid));
    }
}
