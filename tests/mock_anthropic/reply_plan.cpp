#include "reply_plan.hpp"

#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "utf8_chunks.hpp"

namespace mock_anthropic {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(JsonWriter& writer, const std::string& text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

std::vector<std::string> defaultPieces(const Scenario& scenario) {
    if (!scenario.deltaCount) {
        return {"Hello", " from", " mock"};
    }
    std::vector<std::string> pieces;
    for (int i = 1; i <= *scenario.deltaCount; ++i) {
        pieces.push_back((i == 1 ? "tok" : " tok") + std::to_string(i));
    }
    return pieces;
}

// The text block, or none when a tool_use reply has no text to go before it.
std::optional<ReplyBlock> textBlock(const MessagesRequest& request, const Scenario& scenario) {
    ReplyBlock block;
    if (scenario.echo) {
        block.pieces = splitCodePoints(echoDocument(request), {64});
    } else if (scenario.replyText) {
        block.pieces = splitCodePoints(*scenario.replyText, {1, 2, 3});
    } else if (scenario.toolName) {
        return std::nullopt;
    } else {
        block.pieces = defaultPieces(scenario);
    }
    return block;
}

}  // namespace

std::string ReplyBlock::joined() const {
    std::string whole;
    for (const std::string& piece : pieces) {
        whole += piece;
    }
    return whole;
}

long ReplyPlan::outputTokens() const {
    long tokens = 0;
    for (const ReplyBlock& block : blocks) {
        tokens += static_cast<long>(block.pieces.size()) + (block.signature.empty() ? 0 : 1);
    }
    return tokens;
}

ReplyPlan planReply(const MessagesRequest& request, const Scenario& scenario, std::size_t bodyBytes,
                    std::uint64_t sequence) {
    ReplyPlan plan;
    plan.messageId = "msg_mock_" + std::to_string(sequence);
    plan.model = scenario.model.value_or(request.model.empty() ? "claude-mock" : request.model);
    plan.inputTokens = std::max(1L, static_cast<long>(bodyBytes / 4));
    plan.cacheReadTokens = scenario.cacheReadTokens;
    plan.cacheCreationTokens = scenario.cacheCreationTokens;
    plan.stopReason = "end_turn";

    if (scenario.thinking) {
        ReplyBlock thinking;
        thinking.kind = ReplyBlock::Kind::Thinking;
        thinking.pieces = {"Let me think", " about this."};
        thinking.signature = "c2lnLW1vY2stMTIz";
        plan.blocks.push_back(std::move(thinking));
    }
    if (auto text = textBlock(request, scenario)) {
        plan.blocks.push_back(std::move(*text));
    }
    if (scenario.toolName) {
        ReplyBlock tool;
        tool.kind = ReplyBlock::Kind::ToolUse;
        tool.toolId = "toolu_mock_" + std::to_string(sequence);
        tool.toolName = *scenario.toolName;
        if (scenario.toolInput) {
            // The given JSON in two pieces (the real API streams input_json_delta in parts).
            const std::string& input = *scenario.toolInput;
            tool.pieces = {input.substr(0, input.size() / 2), input.substr(input.size() / 2)};
        } else {
            tool.pieces = {"{\"x\":", "1}"};
        }
        plan.blocks.push_back(std::move(tool));
        plan.stopReason = "tool_use";
    }
    if (scenario.stopReason) {
        plan.stopReason = *scenario.stopReason;
    }
    return plan;
}

std::string echoDocument(const MessagesRequest& request) {
    std::string system;
    for (std::size_t i = 0; i < request.systemTexts.size(); ++i) {
        if (i > 0) {
            system += "\n---\n";
        }
        system += request.systemTexts[i];
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("system");
    writeString(writer, system);
    writer.Key("messages");
    writer.StartArray();
    for (const MessageText& message : request.messages) {
        writer.StartObject();
        writer.Key("role");
        writeString(writer, message.role);
        writer.Key("text");
        writeString(writer, message.text);
        writer.Key("blocks");
        writer.StartArray();
        for (const auto& type : message.blockTypes) {
            writeString(writer, type);
        }
        writer.EndArray();
        writer.Key("images");
        writer.StartArray();
        for (const auto& image : message.images) {
            writer.StartObject();
            writer.Key("media_type");
            writeString(writer, image.mediaType);
            writer.Key("data");
            writeString(writer, image.data);
            writer.EndObject();
        }
        writer.EndArray();
        writer.EndObject();
    }
    writer.EndArray();
    writer.Key("model");
    writeString(writer, request.model);
    writer.Key("stream");
    writer.Bool(request.stream);
    writer.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace mock_anthropic
