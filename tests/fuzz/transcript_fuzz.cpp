// openai::buildTranscript on any list of messages. The input is records separated by 0x1E;
// each record is a role byte (mod 5: system, developer, user, assistant, tool) and fields
// separated by 0x1F: content, name, tool_call_id, then (id, name, arguments) triples of an
// assistant turn's tool calls. Oracle: the system prompt is the non-empty system/developer
// contents joined by a blank line; a lone user turn is passed verbatim; otherwise the marker is
// the first t<N> that no text contains as a tag (computed here by brute force), every turn's
// closing tag occurs exactly once per turn of its kind (so no content forges or closes one),
// and the turns' texts appear in order.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_oracle.hpp"
#include "openai/chat_request.hpp"
#include "openai/transcript.hpp"

namespace {

using namespace claude_proxy;
using openai::ChatMessage;
using openai::Role;

constexpr std::size_t kMaxMessages = 64;
constexpr std::array<std::string_view, 3> kTags = {"user", "assistant", "tool-result"};

std::vector<ChatMessage> messagesOf(fuzz::Input& input) {
    std::vector<ChatMessage> messages;
    while (!input.empty() && messages.size() < kMaxMessages) {
        const std::string_view record = input.field('\x1e');
        if (record.empty()) {
            continue;
        }
        ChatMessage message;
        constexpr std::array<Role, 5> kRoles = {Role::System, Role::Developer, Role::User,
                                                Role::Assistant, Role::Tool};
        message.role = kRoles[static_cast<unsigned char>(record.front()) % kRoles.size()];
        fuzz::Input fields(reinterpret_cast<const std::uint8_t*>(record.data()) + 1,
                           record.size() - 1);
        message.content = fields.field('\x1f');
        message.name = fields.field('\x1f');
        message.toolCallId = fields.field('\x1f');
        while (!fields.empty() && message.role == Role::Assistant) {
            openai::ToolCallRecord call;
            call.id = fields.field('\x1f');
            call.name = fields.field('\x1f');
            call.argumentsJson = fields.field('\x1f');
            message.toolCalls.push_back(std::move(call));
        }
        messages.push_back(std::move(message));
    }
    return messages;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
    return out;
}

std::size_t count(std::string_view text, std::string_view what) {
    std::size_t found = 0;
    for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) {
        ++found;
    }
    return found;
}

std::string tagOf(Role role) {
    return std::string(role == Role::Assistant ? kTags[1]
                       : role == Role::Tool    ? kTags[2]
                                               : kTags[0]);
}

// What the transcript shows of a turn: its content, then one line per tool call.
std::string turnText(const ChatMessage& turn) {
    std::string text = turn.content;
    for (const auto& call : turn.toolCalls) {
        if (!text.empty()) {
            text += '\n';
        }
        text += "[called tool " + call.name;
        if (!call.id.empty()) {
            text += " (call id " + call.id + ")";
        }
        text += " with arguments " + call.argumentsJson + "]";
    }
    return text;
}

// The first t<N> that occurs in no text as "<TAG-tN" or "</TAG-tN" (ASCII case ignored).
std::string expectedMarker(const std::vector<const ChatMessage*>& turns) {
    std::vector<std::string> texts;
    for (const ChatMessage* turn : turns) {
        texts.push_back(lower(turnText(*turn)));
        texts.push_back(lower(turn->name));
        texts.push_back(lower(turn->toolCallId));
    }
    for (std::size_t n = 1;; ++n) {
        const std::string marker = "t" + std::to_string(n);
        bool blocked = false;
        for (const auto& text : texts) {
            for (const auto tag : kTags) {
                const std::string open = "<" + std::string(tag) + "-" + marker;
                const std::string close = "</" + std::string(tag) + "-" + marker;
                blocked = blocked || text.find(open) != std::string::npos ||
                          text.find(close) != std::string::npos;
            }
        }
        if (!blocked) {
            return marker;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Input input(data, size);
    const std::vector<ChatMessage> messages = messagesOf(input);
    const openai::Transcript transcript = openai::buildTranscript(messages);

    std::string system;
    std::vector<const ChatMessage*> turns;
    for (const auto& message : messages) {
        if (message.role != Role::System && message.role != Role::Developer) {
            turns.push_back(&message);
        } else if (!message.content.empty()) {
            system += (system.empty() ? "" : "\n\n") + message.content;
        }
    }
    FUZZ_REQUIRE(transcript.systemPrompt == system);
    if (turns.empty()) {
        FUZZ_REQUIRE(!transcript.prompt.empty());
        return 0;
    }
    if (turns.size() == 1 && turns.front()->role == Role::User) {
        FUZZ_REQUIRE(transcript.prompt == turns.front()->content);
        return 0;
    }
    const std::string marker = expectedMarker(turns);
    const std::string_view prompt = transcript.prompt;
    for (const auto tag : kTags) {
        const std::string close = "</" + std::string(tag) + "-" + marker + ">";
        const auto turnsOfTag = static_cast<std::size_t>(
            std::count_if(turns.begin(), turns.end(),
                          [&](const ChatMessage* turn) { return tagOf(turn->role) == tag; }));
        FUZZ_REQUIRE(count(prompt, close) == turnsOfTag);
    }
    std::size_t at = 0;
    for (const ChatMessage* turn : turns) {
        const std::string body =
            ">\n" + turnText(*turn) + "\n</" + tagOf(turn->role) + "-" + marker + ">";
        const auto found = prompt.find(body, at);
        FUZZ_REQUIRE(found != std::string_view::npos);
        at = found + body.size();
    }
    FUZZ_REQUIRE(at == prompt.size());
    return 0;
}
