#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Reads just enough of a tool's JSON Schema to describe it briefly and to write an example call.
namespace claude_proxy::plugins {

struct ParameterSummary {
    std::string name;
    std::string type;  // "string", "integer", "string|null", "array", … ("any" when unstated)
    bool required = false;
};

// The top-level properties of an object schema, in the schema's order. Empty when the schema
// is not valid JSON or has no "properties" object.
std::vector<ParameterSummary> summarizeParameters(std::string_view schemaJson);

// A compact JSON object with a placeholder for each required parameter (or, when none is
// required, for the first one): "…" for strings, 0 for numbers, true, [] or {}.
std::string exampleArguments(std::string_view schemaJson);

// The schema as compact JSON when it is valid, else "{}". An empty schema is "{}".
std::string compactSchema(std::string_view schemaJson);

// The first sentence of `description` (up to ". ", a line break, or the end), whitespace
// collapsed, cut at a UTF-8 boundary to at most `maxBytes` bytes with "…" appended when cut.
std::string firstSentence(std::string_view description, std::size_t maxBytes);

}  // namespace claude_proxy::plugins
