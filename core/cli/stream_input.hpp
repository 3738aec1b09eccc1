#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openai/chat_request.hpp"

namespace claude_proxy::cli {

// What the CLI reads on stdin with --input-format=stream-json (../shared/claude-cli.md §3): one
// JSON object per line; a user line is one turn of the conversation. Every run writes its
// prompt this way, one-shot runs as well as the turns of a live process. Pure.

// A user turn as one line ending in "\n". Without media its content is one text block holding
// `text`. With media, `text` is cut at each part's offset and the content holds the pieces as
// text blocks (empty pieces left out) with an image block
// {"type":"image","source":{"type":"base64","media_type":…,"data":…}} (a "document" block for a
// PDF) at each cut, in order. Ill-formed UTF-8 in `text` is replaced (U+FFFD) so the line is
// always valid JSON; a cut inside a UTF-8 character never happens for offsets that came from the
// parser (they fall between text parts).
std::string userTurnLine(std::string_view text, const std::vector<openai::MediaPart>& media = {});

// Control requests: what the Agent SDKs send a CLI before its first turn. The CLI answers each
// with a control_response line naming `requestId`. A process is started without model and
// system prompt and gets both this way, so that any process started ahead of time can serve
// any request.

// {"type":"control_request","request_id":ID,"request":{"subtype":"initialize",
// "systemPrompt":TEXT}} ("appendSystemPrompt" when `append`: Claude Code's own prompt stays),
// with "jsonSchema":SCHEMA when `jsonSchema` is set (compact JSON of an object): every answer
// of the process then goes through the CLI's StructuredOutput tool (claude-cli.md §8).
std::string initializeLine(std::string_view requestId, std::string_view systemPrompt, bool append,
                           const std::optional<std::string>& jsonSchema = std::nullopt);

// {"type":"control_request","request_id":ID,"request":{"subtype":"apply_flag_settings",
// "settings":{"effortLevel":EFFORT|null,"env":{"CLAUDE_CODE_MAX_OUTPUT_TOKENS":"N"|""}}}}: the
// effort and output-token limit of the next turns (null and "" restore the CLI's defaults;
// verified against the pinned CLI: the next upstream request carries output_config.effort and
// max_tokens accordingly).
std::string turnSettingsLine(std::string_view requestId, const std::optional<std::string>& effort,
                             const std::optional<std::int64_t>& maxTokens);

// {"type":"control_request","request_id":ID,"request":{"subtype":"set_model","model":MODEL}}
std::string setModelLine(std::string_view requestId, std::string_view model);

}  // namespace claude_proxy::cli
