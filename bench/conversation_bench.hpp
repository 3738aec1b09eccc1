#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bare_cli_runner.hpp"
#include "latency_bench.hpp"

namespace claude_proxy::test_support {
class MockAnthropic;
}

namespace claude_proxy::bench {

// Multi-turn conversations, the proxy with live conversations and a spare process against a
// bare CLI started per turn with the whole history flattened into one prompt (what a proxy
// that spawns per request does). Conversations of `turns` turns run alternately on each side.
struct ConversationFigures {
    int conversations = 0;
    int turns = 0;
    std::size_t systemPromptBytes = 0;
    Series firstTurnFirstContent;  // proxy: from a warm spare
    Series laterTurnFirstContent;  // turns 2 and on
    // Per turn (index 0 = turn 1): the share of the upstream request's bytes (system prompt
    // and messages, cache markers left out) that repeat the previous turn's request as a
    // prefix, i.e. what the upstream prompt cache can reuse; and the same in messages.
    std::vector<Series> reuseBytesByTurn;
    std::vector<Series> reuseMessagesByTurn;
    double bareCliCpuMsPerTurn = 0.0;   // the CLI runs' CPU
    double proxyOwnCpuMsPerTurn = 0.0;  // the proxy process itself, its CLI processes apart
    std::vector<std::string> failures;
};

ConversationFigures measureConversations(const test_support::MockAnthropic& mock,
                                         const std::string& cliPath,
                                         const std::vector<std::string>& proxyArgs,
                                         const BareCliRunner& bare, const std::string& model,
                                         int conversations, int turns,
                                         std::chrono::milliseconds timeout);

// Markdown table and notes.
std::string renderConversations(const ConversationFigures& figures);

}  // namespace claude_proxy::bench
