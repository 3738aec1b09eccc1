#include "common/reply_assembly.hpp"

#include <string>

#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

std::size_t leadingSpace(std::string_view text) {
    return text.size() - trimLeft(text).size();
}

// Appends `piece` (the text after one or more removed blocks) to `content`.
void appendAfterBlocks(std::string& content, std::string_view piece) {
    const std::size_t keep = trimRight(content).size();
    const std::string before = content.substr(keep);
    content.resize(keep);
    const std::string_view after = piece.substr(leadingSpace(piece));
    if (content.empty() || after.empty()) {
        content.append(after);
        return;
    }
    if (!before.empty()) {
        content.append(before);
    } else if (after.size() != piece.size()) {
        content.append(piece.substr(0, piece.size() - after.size()));
    } else {
        content.append("\n\n");
    }
    content.append(after);
}

}  // namespace

sdk::ParsedReply assembleReply(std::string_view reply, const ReplyScan& scan,
                               bool parallelToolCalls) {
    sdk::ParsedReply parsed;
    std::size_t cursor = 0;
    bool afterBlock = false;
    for (const CallBlock& block : scan.blocks) {
        const std::string_view piece = reply.substr(cursor, block.begin - cursor);
        if (afterBlock) {
            appendAfterBlocks(parsed.content, piece);
        } else {
            parsed.content.append(piece);
        }
        afterBlock = true;
        cursor = block.end;
        for (const auto& call : block.calls) {
            if (parallelToolCalls || parsed.toolCalls.empty()) {
                parsed.toolCalls.push_back(call);
            }
        }
    }
    if (!afterBlock) {
        parsed.content.assign(reply);
        return parsed;
    }
    appendAfterBlocks(parsed.content, reply.substr(cursor));
    return parsed;
}

sdk::ParsedReply parseProtocolReply(std::string_view reply, const NameResolver& resolve,
                                    bool parallelToolCalls) {
    return assembleReply(reply, scanReply(reply, resolve, ScanMode::Complete), parallelToolCalls);
}

std::size_t safeProtocolPrefix(std::string_view replySoFar, const NameResolver& resolve) {
    const ReplyScan scan = scanReply(replySoFar, resolve, ScanMode::Streaming);
    std::size_t stop = replySoFar.size();
    if (scan.pendingAt != std::string_view::npos) {
        stop = scan.pendingAt;
    }
    if (!scan.blocks.empty() && scan.blocks.front().begin < stop) {
        stop = scan.blocks.front().begin;
    }
    const std::string_view safe = trimRight(replySoFar.substr(0, stop));
    return completeUtf8Length(safe);
}

}  // namespace claude_proxy::plugins
