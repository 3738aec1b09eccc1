#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Shared helpers of the request parsers: typed member access that turns every mistyped or
// missing field into a 400 ApiError naming its `param` ("messages[2].content"). Internal to
// the openai layer.
namespace claude_proxy::openai::fields {

using Value = rapidjson::Value;

// "null", "a boolean", "an object", … for error messages.
std::string describe(const Value& value);

// A client-supplied string shortened (on a UTF-8 boundary) for inclusion in an error message.
std::string echo(std::string_view text);

[[noreturn]] void failType(const std::string& param, std::string_view expected, const Value& got);
[[noreturn]] void failMissing(const std::string& param);
[[noreturn]] void failValue(const std::string& param, const std::string& message);
[[noreturn]] void failUnsupported(const std::string& param, const std::string& message);

std::string indexed(std::string_view base, std::size_t index);      // base[index]
std::string dotted(std::string_view base, std::string_view field);  // base.field

// The member, or nullptr when absent or JSON null (OpenAI treats null like an omitted field).
const Value* memberOf(const Value& object, const char* name);
bool hasMember(const Value& object, const char* name);

bool isInteger(const Value& value);
// An integer's value; beyond int64 it saturates (such values only ever mean "too big").
long long integerOf(const Value& value);

// The text of a string value; refuses ill-formed UTF-8 (a lone surrogate escape).
std::string textOf(const Value& value, const std::string& param);

// Bounds on how many items a request may hold, so that every pass over it stays small. Far
// above what real clients send (OpenAI itself allows 128 tools).
inline constexpr std::size_t kMaxMessages = 10000;
inline constexpr std::size_t kMaxContentParts = 1000;
inline constexpr std::size_t kMaxTools = 1024;
inline constexpr std::size_t kMaxToolCallsPerMessage = 256;

// 400 array_too_long naming `param` when the array `value` has more than `limit` items.
void failIfLonger(const std::string& param, const Value& value, std::size_t limit);

// The string member `name` of `object`; missing or mistyped -> 400 naming base.name.
std::string requireString(const Value& object, const char* name, const std::string& base);

// Parses a request body into `document` with bounded depth and UTF-8 validation: 400
// json_too_deep, invalid_json, or invalid_request_body when it is not a JSON object.
void parseBody(rapidjson::Document& document, std::string_view body);

// The JSON type a field we accept (and otherwise leave alone) must have.
enum class Expect { Number, Integer, Boolean, String, Object, Array };

// 400 invalid_type naming `param` when `value` is not of the `expect`ed type.
void checkType(const std::string& param, Expect expect, const Value& value);

// A top-level field an endpoint accepts, checks the type of, and otherwise leaves alone.
struct AcceptedField {
    std::string_view name;
    Expect expect;
};

// How an endpoint treats the top-level fields it does not read itself.
struct OtherFieldRules {
    bool (*isRead)(const std::string& name);  // read elsewhere: skipped here
    // Refuses (throws) what cannot be honoured; false when `name` is not such a field.
    bool (*checkCapability)(const std::string& name, const Value& value);
    std::span<const AcceptedField> accepted;  // type-checked
};

// Every member of `root` that `rules` does not read: refused, type-checked or left alone by
// the rules (JSON null is always fine), and its name appended to `ignored` for the debug log.
void checkOtherFields(const Value& root, const OtherFieldRules& rules,
                      std::vector<std::string>& ignored);

}  // namespace claude_proxy::openai::fields
