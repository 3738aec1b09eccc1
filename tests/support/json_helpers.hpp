#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::test_support {

// Thrown by the helpers below. doctest reports it as a failed test case with the message,
// which quotes the offending text or names the missing field.
class JsonError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Parses `text` (an object, array or any value); throws JsonError quoting the text (cut to
// 2000 characters) with the position of the syntax error.
rapidjson::Document parseJson(std::string_view text);

// Parses newline-separated JSON values (stream-json output, JSON Lines); blank lines skipped.
std::vector<rapidjson::Document> parseJsonLines(std::string_view text);

// The value at a JSON Pointer ("/choices/0/message/content"), or nullptr.
const rapidjson::Value* find(const rapidjson::Value& root, std::string_view pointer);

// Typed access by JSON Pointer; throw JsonError when the value is missing or of another type.
const rapidjson::Value& at(const rapidjson::Value& root, std::string_view pointer);
std::string stringAt(const rapidjson::Value& root, std::string_view pointer);
std::int64_t intAt(const rapidjson::Value& root, std::string_view pointer);
bool boolAt(const rapidjson::Value& root, std::string_view pointer);
bool isNullAt(const rapidjson::Value& root, std::string_view pointer);  // missing: false

// Compact JSON text of a value.
std::string toJson(const rapidjson::Value& value);

}  // namespace claude_proxy::test_support
