// The chat.completion.chunk renderer (ChatChunkRenderer and the frame functions under it) and
// the UTF-8 helpers they rely on, on any strings. Input: a flags byte (bit 0 include_usage),
// then fields separated by 0x1F: the id, the model, then operations, each a field whose first
// byte picks one (begin, reasoning, content, tool call, finish, error, keep-alive, model) and
// whose rest is its text. Oracles: every frame is SSE with valid JSON and valid UTF-8; the text
// of a content/reasoning/tool call/error comes back unchanged when it is valid UTF-8 (content,
// reasoning and tool calls: as sanitizeUtf8 made it otherwise); isValidUtf8 agrees with an
// independent check.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_oracle.hpp"
#include "openai/utf8.hpp"
#include "streaming/chat_chunk_renderer.hpp"
#include "streaming/chunk_renderer.hpp"

namespace {

using namespace claude_proxy;

// What a valid string must come back as: itself, or its sanitised form.
std::string expected(std::string_view text) {
    const bool valid = fuzz::isUtf8(text);
    FUZZ_REQUIRE(openai::isValidUtf8(text) == valid);
    const std::string clean = openai::sanitizeUtf8(text);
    FUZZ_REQUIRE(fuzz::isUtf8(clean));
    FUZZ_REQUIRE(!valid || clean == text);
    return clean;
}

// The single data frame of `sse` (frames after the first are checked but not returned).
rapidjson::Document firstChunk(std::string_view sse) {
    const auto frames = fuzz::checkSse(sse);
    FUZZ_REQUIRE(!frames.empty() && !frames.front().comment && !frames.front().done);
    rapidjson::Document chunk;
    FUZZ_REQUIRE(fuzz::parseJson(chunk, frames.front().data));
    FUZZ_REQUIRE(chunk.IsObject());
    return chunk;
}

const rapidjson::Value& delta(const rapidjson::Document& chunk) {
    FUZZ_REQUIRE(chunk.HasMember("choices") && chunk["choices"].IsArray() &&
                 chunk["choices"].Size() == 1);
    const auto& choice = chunk["choices"][0];
    FUZZ_REQUIRE(choice.IsObject() && choice.HasMember("delta") && choice["delta"].IsObject());
    return choice["delta"];
}

void requireString(const rapidjson::Value& object, const char* name, const std::string& want) {
    const auto* value = fuzz::stringMember(object, name);
    FUZZ_REQUIRE(value != nullptr);
    FUZZ_REQUIRE(fuzz::textOf(*value) == want);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Input input(data, size);
    const bool includeUsage = (input.byte() & 0x01U) != 0;
    streaming::ChunkIdentity identity{std::string(input.field('\x1f')), 1700000000,
                                      std::string(input.field('\x1f')), includeUsage};
    streaming::ChatChunkRenderer renderer(identity);
    std::size_t toolIndex = 0;
    while (!input.empty()) {
        const std::string_view operation = input.field('\x1f');
        if (operation.empty()) {
            continue;
        }
        const std::string_view text = operation.substr(1);
        switch (static_cast<unsigned char>(operation.front()) % 8) {
            case 0:
                fuzz::checkSse(renderer.begin());
                break;
            case 1:
                requireString(delta(firstChunk(renderer.reasoning(text))), "reasoning_content",
                              expected(text));
                break;
            case 2:
                requireString(delta(firstChunk(renderer.content(text))), "content", expected(text));
                break;
            case 3: {
                const auto cut = text.find('\x1d');
                const openai::ToolCallRecord call{
                    "call_" + std::to_string(toolIndex), std::string(text.substr(0, cut)),
                    cut == std::string_view::npos ? "" : std::string(text.substr(cut + 1))};
                const auto frames = fuzz::checkSse(renderer.toolCall(toolIndex++, call));
                FUZZ_REQUIRE(frames.size() == 2);
                std::string name;
                std::string arguments;
                for (const auto& frame : frames) {
                    rapidjson::Document chunk;
                    FUZZ_REQUIRE(fuzz::parseJson(chunk, frame.data));
                    const auto& calls = delta(chunk)["tool_calls"];
                    FUZZ_REQUIRE(calls.IsArray() && calls.Size() == 1);
                    const auto& function = calls[0]["function"];
                    if (const auto* part = fuzz::stringMember(function, "name")) {
                        name += fuzz::textOf(*part);
                    }
                    if (const auto* part = fuzz::stringMember(function, "arguments")) {
                        arguments += fuzz::textOf(*part);
                    }
                }
                FUZZ_REQUIRE(name == expected(call.name));
                FUZZ_REQUIRE(arguments == expected(call.argumentsJson));
                break;
            }
            case 4: {
                openai::Usage usage;
                usage.inputTokens = static_cast<std::int64_t>(text.size());
                usage.outputTokens = static_cast<std::int64_t>(toolIndex);
                const auto frames = fuzz::checkSse(renderer.finish(std::string(text), usage));
                FUZZ_REQUIRE(!frames.empty() && frames.back().done);
                break;
            }
            case 5: {
                const openai::ApiError error(400 + static_cast<int>(text.size() % 200),
                                             "invalid_request_error", std::string(text),
                                             std::string(text), std::string(text));
                const auto chunk = firstChunk(renderer.error(error));
                FUZZ_REQUIRE(chunk.HasMember("error") && chunk["error"].IsObject());
                const auto& body = chunk["error"];
                if (fuzz::isUtf8(text)) {
                    // The message travels as what() of a std::exception: a C string, so it
                    // ends at the first NUL (the JSON stays valid either way).
                    requireString(body, "message", std::string(text.substr(0, text.find('\0'))));
                    requireString(body, "param", std::string(text));
                }
                break;
            }
            case 6:
                FUZZ_REQUIRE(fuzz::checkSse(renderer.keepAlive()).front().comment);
                break;
            default:
                renderer.setModel(text);
                identity.model = text;
                break;
        }
        // The bare frame functions on the same text, with the identity as it is now.
        fuzz::checkSse(streaming::roleFrame(identity));
        fuzz::checkSse(streaming::finishFrame(identity, text));
        const std::string_view half = openai::utf8Prefix(text, text.size() / 2);
        FUZZ_REQUIRE(half.size() <= text.size() / 2 && text.substr(0, half.size()) == half);
        FUZZ_REQUIRE(!fuzz::isUtf8(text) || fuzz::isUtf8(half));
    }
    return 0;
}
