#pragma once
// The oracle both shipped tool-call handlers are fuzzed with (generic_reply_fuzz.cpp,
// evonic_reply_fuzz.cpp). Input: a byte choosing the offered tools (bit 0: the agent-style set,
// bit 1: none), the tool_choice (bits 2-3) and parallel calls (bit 4), a byte seeding the sizes
// (1..16 bytes) in which the reply is streamed, then the reply. The reply goes through
// parseReply, through the handler's stream scanner piece by piece and through
// safeContentLength at every piece; checkRefusal and renderInstructions run on it too.
// Oracles (the streaming contract of sdk/include/claude_proxy/toolcall_handler.hpp): the
// scanner's answers never shrink, never exceed the bytes fed, equal safeContentLength of the
// text so far, never end inside a UTF-8 sequence (of a well-formed reply), and the complete parse's
// content begins with the last one; parsed calls have names; a refusal carries a nudge.

#include <claude_proxy/toolcall_handler.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text_util.hpp"
#include "fuzz_oracle.hpp"
#include "plugin_test_support.hpp"

namespace claude_proxy::fuzz {

inline void checkHandler(const sdk::BaseToolCallHandler& handler, const std::uint8_t* data,
                         std::size_t size) {
    using plugins::test::RequestFixture;
    Input input(data, size);
    const std::uint8_t flags = input.byte();
    Choices pieces(input.byte());
    const std::string_view reply = input.rest();

    constexpr sdk::ToolChoice kChoices[] = {sdk::ToolChoice::Auto, sdk::ToolChoice::None,
                                            sdk::ToolChoice::Required, sdk::ToolChoice::Named};
    const sdk::ToolChoice choice = kChoices[(flags >> 2U) & 3U];
    auto specs = (flags & 0x02U) != 0   ? std::vector<plugins::test::ToolSpec>{}
                 : (flags & 0x01U) != 0 ? plugins::test::agentTools()
                                        : plugins::test::standardTools();
    const std::string named = specs.empty() ? "" : specs.front().name;
    const RequestFixture fixture(std::move(specs), choice, named, (flags & 0x10U) != 0);
    const sdk::ToolRequest& request = fixture.request();

    const sdk::ParsedReply parsed = handler.parseReply(request, reply);
    for (const auto& call : parsed.toolCalls) {
        FUZZ_REQUIRE(!call.name.empty());
    }

    const bool validText = isUtf8(reply);
    const auto scanner = handler.beginStream(request);
    std::size_t fed = 0;
    std::size_t previous = 0;
    while (fed < reply.size()) {
        const std::size_t piece = std::min(pieces.upTo(15) + 1, reply.size() - fed);
        const std::size_t safe = scanner->feed(reply.substr(fed, piece));
        fed += piece;
        const std::string_view soFar = reply.substr(0, fed);
        FUZZ_REQUIRE(safe >= previous);
        FUZZ_REQUIRE(safe <= fed);
        FUZZ_REQUIRE(safe == handler.safeContentLength(request, soFar));
        // Only well-formed text has characters to keep whole (stray bytes are cut anywhere).
        FUZZ_REQUIRE(!validText || plugins::completeUtf8Length(soFar.substr(0, safe)) == safe);
        previous = safe;
    }
    FUZZ_REQUIRE(parsed.content.compare(0, previous, reply.substr(0, previous)) == 0);

    const sdk::RefusalVerdict verdict = handler.checkRefusal(request, reply, (flags & 0x20U) != 0);
    FUZZ_REQUIRE(!verdict.isRefusal || !verdict.nudge.empty());
    if (!request.tools.empty() && request.choice != sdk::ToolChoice::None) {
        FUZZ_REQUIRE(!handler.renderInstructions(request).empty());
    }
}

}  // namespace claude_proxy::fuzz
