#include "conversation_bench.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>
#include <sstream>

#include "cpu_time.hpp"
#include "proxy_client.hpp"
#include "stats.hpp"
#include "support/http_client.hpp"
#include "support/json_helpers.hpp"
#include "support/mock_anthropic.hpp"
#include "support/process_census.hpp"
#include "support/proxy_process.hpp"

namespace claude_proxy::bench {
namespace {

namespace test_support = ::claude_proxy::test_support;
constexpr int kDeltas = 30;

void progress(const std::string& line) {
    std::cerr << "[bench] " << line << std::endl;
}

// An agent platform's kind of system prompt: a few KB of rules, the same on every turn.
std::string agentSystemPrompt() {
    std::string text = "You are the assistant of a software team. Follow these rules.\n";
    for (int i = 1; i <= 40; ++i) {
        text += "Rule " + std::to_string(i) +
                ": answer precisely, cite the file and the line you mean, keep answers short, "
                "and ask when something is unclear.\n";
    }
    return text;
}

std::string userTurn(int conversation, int turn) {
    return "Conversation " + std::to_string(conversation) + ", turn " + std::to_string(turn) +
           ": please look at the function that parses the configuration and tell me whether it "
           "handles a missing file, an empty file and a file with a byte order mark, and what "
           "the user sees in each case. MOCK:deltas=" +
           std::to_string(kDeltas);
}

std::string expectedReply() {
    std::string text;
    for (int i = 1; i <= kDeltas; ++i) {
        text += (i > 1 ? " tok" : "tok") + std::to_string(i);
    }
    return text;
}

std::string requestBody(const std::vector<openai::ChatMessage>& messages,
                        const std::string& model) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartObject();
    json.Key("model");
    json.String(model.c_str());
    json.Key("stream");
    json.Bool(true);
    json.Key("messages");
    json.StartArray();
    for (const auto& message : messages) {
        json.StartObject();
        json.Key("role");
        const std::string role(openai::roleName(message.role));
        json.String(role.c_str());
        json.Key("content");
        json.String(message.content.c_str(),
                    static_cast<rapidjson::SizeType>(message.content.size()));
        json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    return buffer.GetString();
}

// An upstream request as the items a prompt cache sees in order: the system blocks, then each
// message, as JSON without cache markers.
std::vector<std::string> cacheItems(const std::string& body) {
    auto document = test_support::parseJson(body);
    std::vector<std::string> items;
    const auto strip = [](rapidjson::Value& value, auto& self) -> void {
        if (value.IsObject()) {
            value.RemoveMember("cache_control");
            for (auto& member : value.GetObject()) {
                self(member.value, self);
            }
        } else if (value.IsArray()) {
            for (auto& item : value.GetArray()) {
                self(item, self);
            }
        }
    };
    if (document.HasMember("system")) {
        auto& system = document["system"];
        strip(system, strip);
        // The billing header block changes with the content (cc_version suffix): not cached.
        if (system.IsArray()) {
            for (auto& block : system.GetArray()) {
                const std::string text = block.HasMember("text") && block["text"].IsString()
                                             ? block["text"].GetString()
                                             : "";
                if (text.rfind("x-anthropic-billing-header", 0) != 0) {
                    items.push_back(test_support::toJson(block));
                }
            }
        }
    }
    for (auto& message : document["messages"].GetArray()) {
        strip(message, strip);
        items.push_back(test_support::toJson(message));
    }
    return items;
}

// (bytes share, messages share) of `current` that repeats `previous` as a prefix.
std::pair<double, double> reuse(const std::vector<std::string>& previous,
                                const std::vector<std::string>& current) {
    std::size_t total = 0;
    for (const auto& item : current) {
        total += item.size();
    }
    std::size_t same = 0;
    std::size_t sameBytes = 0;
    while (same < previous.size() && same < current.size() && previous[same] == current[same]) {
        sameBytes += current[same].size();
        ++same;
    }
    const double bytes =
        total == 0 ? 0 : static_cast<double>(sameBytes) / static_cast<double>(total);
    const double messages =
        current.empty() ? 0 : static_cast<double>(same) / static_cast<double>(current.size());
    return {bytes, messages};
}

double median(const std::vector<double>& samples) {
    const auto summary = summarize(samples);
    return summary ? summary->median : 0.0;
}

double spares(int port) {
    const std::string text = test_support::get(port, "/metrics").body;
    const std::string series = "\nclaude_proxy_spare_processes ";
    const auto at = text.find(series);
    return at == std::string::npos ? 0 : std::stod(text.substr(at + series.size()));
}

}  // namespace

ConversationFigures measureConversations(const test_support::MockAnthropic& mock,
                                         const std::string& cliPath,
                                         const std::vector<std::string>& proxyArgs,
                                         const BareCliRunner& bare, const std::string& model,
                                         int conversations, int turns,
                                         std::chrono::milliseconds timeout) {
    ConversationFigures figures;
    figures.conversations = conversations;
    figures.turns = turns;
    figures.reuseBytesByTurn.resize(static_cast<std::size_t>(turns));
    figures.reuseMessagesByTurn.resize(static_cast<std::size_t>(turns));
    const std::string system = agentSystemPrompt();
    figures.systemPromptBytes = system.size();
    const std::string reply = expectedReply();

    test_support::ProxyOptions options;
    options.cliPath = cliPath;
    options.extraArgs = proxyArgs;
    options.extraArgs.insert(options.extraArgs.end(),
                             {"--live-conversations=16", "--spare-processes=1"});
    test_support::ProxyProcess proxy(mock, options);

    double bareCpu = 0.0;
    double proxyCpu = 0.0;
    int bareTurns = 0;
    int proxyTurns = 0;
    for (int c = 0; c < conversations; ++c) {
        for (const bool onProxy : {c % 2 == 0, c % 2 != 0}) {
            progress("conversation " + std::to_string(c + 1) + "/" + std::to_string(conversations) +
                     (onProxy ? " through the proxy" : " bare"));
            if (onProxy) {
                // Turn 1 with a warm spare: wait (bounded) until one is ready.
                test_support::waitUntil([&] { return spares(proxy.port()) >= 1; },
                                        std::chrono::seconds(30));
            }
            mock.clearRequests();
            const auto cpuBefore = onProxy ? cpuTimeOf(proxy.pid()) : cpuTimeOf(::getpid());
            std::vector<openai::ChatMessage> messages = {
                {openai::Role::System, system, "", "", {}, {}}};
            for (int t = 1; t <= turns; ++t) {
                messages.push_back({openai::Role::User, userTurn(c, t), "", "", {}, {}});
                const auto run = onProxy
                                     ? proxyStreamBody(proxy.port(), requestBody(messages, model),
                                                       reply, timeout)
                                     : bare.runConversation(messages, reply, timeout);
                if (!run.ok) {
                    figures.failures.push_back((onProxy ? "proxy turn " : "bare turn ") +
                                               std::to_string(t) + ": " + run.error);
                    break;
                }
                auto& series =
                    t == 1 ? figures.firstTurnFirstContent : figures.laterTurnFirstContent;
                (onProxy ? series.proxy : series.bare).push_back(run.firstContentMs);
                messages.push_back({openai::Role::Assistant, reply, "", "", {}, {}});
            }
            const auto cpuAfter = onProxy ? cpuTimeOf(proxy.pid()) : cpuTimeOf(::getpid());
            if (cpuBefore && cpuAfter) {
                if (onProxy) {
                    proxyCpu += cpuAfter->own - cpuBefore->own;
                    proxyTurns += turns;
                } else {
                    bareCpu += cpuAfter->reaped - cpuBefore->reaped;
                    bareTurns += turns;
                }
            }
            const auto requests = mock.requests();
            for (std::size_t t = 1; t < requests.size() && t < static_cast<std::size_t>(turns);
                 ++t) {
                const auto [bytes, count] =
                    reuse(cacheItems(requests[t - 1].body), cacheItems(requests[t].body));
                (onProxy ? figures.reuseBytesByTurn[t].proxy : figures.reuseBytesByTurn[t].bare)
                    .push_back(bytes);
                (onProxy ? figures.reuseMessagesByTurn[t].proxy
                         : figures.reuseMessagesByTurn[t].bare)
                    .push_back(count);
            }
        }
    }
    figures.bareCliCpuMsPerTurn = bareTurns == 0 ? 0 : 1000.0 * bareCpu / bareTurns;
    figures.proxyOwnCpuMsPerTurn = proxyTurns == 0 ? 0 : 1000.0 * proxyCpu / proxyTurns;
    return figures;
}

std::string renderConversations(const ConversationFigures& figures) {
    std::ostringstream out;
    const auto ratio = [](double proxy, double bare) {
        std::ostringstream text;
        text.precision(2);
        text << std::fixed << (bare > 0 ? proxy / bare : 0.0);
        return text.str();
    };
    const auto ms = [](double value) { return std::to_string(static_cast<long>(value)) + " ms"; };
    const auto share = [](double value) {
        std::ostringstream text;
        text.precision(2);
        text << std::fixed << value;
        return text.str();
    };
    out << "\n### Conversations: " << figures.conversations << " per side, " << figures.turns
        << " turns each, a " << figures.systemPromptBytes << "-byte system prompt\n\n";
    out << "| metric | bare CLI per turn | proxy, live | proxy/bare |\n|---|---|---|---|\n";
    const double bare1 = median(figures.firstTurnFirstContent.bare);
    const double proxy1 = median(figures.firstTurnFirstContent.proxy);
    const double bareN = median(figures.laterTurnFirstContent.bare);
    const double proxyN = median(figures.laterTurnFirstContent.proxy);
    out << "| turn 1: time to first content byte (proxy: warm spare) | " << ms(bare1) << " | "
        << ms(proxy1) << " | " << ratio(proxy1, bare1) << " |\n";
    out << "| turns 2+: time to first content byte | " << ms(bareN) << " | " << ms(proxyN) << " | "
        << ratio(proxyN, bareN) << " |\n";
    for (std::size_t t = 1; t < figures.reuseBytesByTurn.size(); ++t) {
        const auto& bytes = figures.reuseBytesByTurn[t];
        const auto& count = figures.reuseMessagesByTurn[t];
        out << "| turn " << t + 1
            << ": upstream request repeating the previous one, bytes (messages) | "
            << share(median(bytes.bare)) << " (" << share(median(count.bare)) << ") | "
            << share(median(bytes.proxy)) << " (" << share(median(count.proxy)) << ") | — |\n";
    }
    out << "| CPU per turn: the CLI's / the proxy's own | " << ms(figures.bareCliCpuMsPerTurn)
        << " | " << ms(figures.proxyOwnCpuMsPerTurn) << " (own) | "
        << ratio(figures.proxyOwnCpuMsPerTurn, figures.bareCliCpuMsPerTurn) << " |\n";
    if (!figures.failures.empty()) {
        out << "\nfailures:\n";
        for (const auto& failure : figures.failures) {
            out << "- " << failure << "\n";
        }
    }
    return out.str();
}

}  // namespace claude_proxy::bench
