#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The little JSON the handlers need, on JSON *text*: validate a document, re-emit it compactly,
// split an object into members and an array into elements (as views of the original text, so
// numbers and strings pass through byte for byte), decode a string literal, quote a string.
// RapidJSON is used inside the .cpp only; no RapidJSON type appears here, so nothing of it can
// leak across a plugin boundary.
namespace claude_proxy::plugins {

enum class JsonKind { Object, Array, String, Scalar };

// True when `text` is exactly one JSON value (surrounding whitespace allowed), nested no deeper
// than kMaxJsonDepth.
bool isValidJson(std::string_view text);

// The kind of the value `validJson` holds (it must be valid).
JsonKind jsonKind(std::string_view validJson);

// `validJson` without the whitespace between tokens; strings are copied unchanged.
std::string compactJson(std::string_view validJson);

struct JsonMember {
    std::string key;         // decoded
    std::string_view value;  // the value's text, a view into the object's text
};

// The members of a valid JSON object, in order; nullopt when `validJson` is not an object.
std::optional<std::vector<JsonMember>> objectMembers(std::string_view validJson);

// The elements of a valid JSON array, in order; nullopt when `validJson` is not an array.
std::optional<std::vector<std::string_view>> arrayElements(std::string_view validJson);

// The value of a JSON string literal (`"…"` with escapes); nullopt when it is not one.
std::optional<std::string> decodeJsonString(std::string_view literal);

// `text` as a JSON string literal, quotes included. Bytes of 0x80 and above are copied as is.
std::string quoteJsonString(std::string_view text);

// Models sometimes put raw line breaks or tabs inside JSON strings (multi-line code in an
// argument). Returns `text` with raw control characters inside strings written as escapes;
// text outside strings is unchanged.
std::string escapeControlCharactersInStrings(std::string_view text);

}  // namespace claude_proxy::plugins
