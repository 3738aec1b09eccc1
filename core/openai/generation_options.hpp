#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace claude_proxy::openai {

// What a request asks of the answer beyond its messages: a JSON schema it must follow, how much
// to reason, where to stop, how long it may be. Shared by the chat completions and the
// responses endpoints, which fill it from their own field names.
struct GenerationOptions {
    // The JSON Schema the answer must satisfy (compact JSON text), from response_format
    // json_schema, or {"type":"object"} for json_object. The answer's content is then the JSON
    // text of what the CLI's structured output holds.
    std::optional<std::string> jsonSchema;
    std::string jsonSchemaName;         // response_format.json_schema.name, for the log
    std::optional<std::string> effort;  // the CLI's effort: low, medium, high, xhigh, max
    std::vector<std::string> stop;      // up to 4 non-empty sequences; the answer ends before one
    std::optional<std::int64_t> maxTokens;  // output token limit of the answer
};

// The CLI effort for an OpenAI reasoning effort ("none"/"minimal"/"low" -> "low", "medium",
// "high", "xhigh", "max"); nullopt for anything else. Pure.
std::optional<std::string> effortFor(std::string_view reasoningEffort);

// Reads the chat completions fields response_format, reasoning_effort, stop, max_tokens and
// max_completion_tokens of `root` into `options`; 400 ApiErrors naming the field for wrong types
// and values. `hasTools`: structured output together with tools is refused (400). Pure.
void parseGenerationFields(const rapidjson::Value& root, bool hasTools, GenerationOptions& options);

// The shared checks on a response format object ({"type":"text"|"json_object"|"json_schema",
// …}): `param` names it in errors ("response_format", "text.format"); `schemaHolder` is the
// object holding "schema"/"name" (response_format.json_schema in chat, the format itself in
// the responses API). Pure.
void parseResponseFormat(const rapidjson::Value& format, const std::string& param,
                         bool nestedSchema, bool hasTools, GenerationOptions& options);

}  // namespace claude_proxy::openai
