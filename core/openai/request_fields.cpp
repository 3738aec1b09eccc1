#include "openai/request_fields.hpp"

#include "json/bounded_json.hpp"
#include "openai/api_error.hpp"
#include "openai/utf8.hpp"

namespace claude_proxy::openai::fields {
namespace {

constexpr std::size_t kMaxEchoedBytes = 64;

}  // namespace

std::string describe(const Value& value) {
    if (value.IsNull()) {
        return "null";
    }
    if (value.IsBool()) {
        return "a boolean";
    }
    if (value.IsObject()) {
        return "an object";
    }
    if (value.IsArray()) {
        return "an array";
    }
    if (value.IsString()) {
        return "a string";
    }
    if (value.IsInt64() || value.IsUint64()) {
        return "an integer";
    }
    return "a decimal number";
}

// A client-supplied string shortened for inclusion in an error message.
std::string echo(std::string_view text) {
    const std::string_view head = utf8Prefix(text, kMaxEchoedBytes);
    return std::string(head) + (head.size() < text.size() ? "…" : "");
}

[[noreturn]] void failType(const std::string& param, std::string_view expected, const Value& got) {
    throw ApiError::invalidRequest("Invalid type for '" + param + "': expected " +
                                       std::string(expected) + ", but got " + describe(got) +
                                       " instead.",
                                   param, "invalid_type");
}

[[noreturn]] void failMissing(const std::string& param) {
    throw ApiError::invalidRequest("Missing required parameter: '" + param + "'.", param,
                                   "missing_required_parameter");
}

[[noreturn]] void failValue(const std::string& param, const std::string& message) {
    throw ApiError::invalidRequest("Invalid value for '" + param + "': " + message, param,
                                   "invalid_value");
}

void failIfLonger(const std::string& param, const Value& value, std::size_t limit) {
    if (value.IsArray() && value.Size() > limit) {
        throw ApiError::invalidRequest("Invalid '" + param +
                                           "': array too long. Expected an array "
                                           "with at most " +
                                           std::to_string(limit) + " items, but got " +
                                           std::to_string(value.Size()) + ".",
                                       param, "array_too_long");
    }
}

[[noreturn]] void failUnsupported(const std::string& param, const std::string& message) {
    throw ApiError::invalidRequest(message, param, "unsupported_parameter");
}

std::string indexed(std::string_view base, std::size_t index) {
    return std::string(base) + "[" + std::to_string(index) + "]";
}

std::string dotted(std::string_view base, std::string_view field) {
    return std::string(base) + "." + std::string(field);
}

// The member `name` of `object`, or nullptr when it is absent or JSON null (OpenAI treats an
// explicit null like an omitted field).
const Value* memberOf(const Value& object, const char* name) {
    const auto found = object.FindMember(name);
    if (found == object.MemberEnd() || found->value.IsNull()) {
        return nullptr;
    }
    return &found->value;
}

bool hasMember(const Value& object, const char* name) {
    return object.FindMember(name) != object.MemberEnd();
}

bool isInteger(const Value& value) {
    return value.IsInt64() || value.IsUint64();
}

// An integer member's value; values beyond int64 saturate (they only ever mean "too big").
long long integerOf(const Value& value) {
    return value.IsInt64() ? value.GetInt64() : std::numeric_limits<long long>::max();
}

// The text of a string value. The parser lets a lone "\udc00" escape through as ill-formed
// UTF-8; such text is refused here rather than handed to the CLI.
std::string textOf(const Value& value, const std::string& param) {
    std::string text(value.GetString(), value.GetStringLength());
    if (!isValidUtf8(text)) {
        failValue(param, "the string is not valid Unicode (unpaired surrogate escape).");
    }
    return text;
}

std::string requireString(const Value& object, const char* name, const std::string& base) {
    const std::string param = dotted(base, name);
    const Value* value = memberOf(object, name);
    if (value == nullptr) {
        failMissing(param);
    }
    if (!value->IsString()) {
        failType(param, "a string", *value);
    }
    return textOf(*value, param);
}

void parseBody(rapidjson::Document& document, std::string_view body) {
    // Bounded depth keeps deeply nested input from exhausting the stack anywhere later;
    // encoding validation turns ill-formed UTF-8 into a parse error instead of passing it on.
    json::ParseOptions options;
    options.validateUtf8 = true;
    const auto parsed = json::parse(document, body, options);
    if (parsed.status == json::ParseStatus::TooDeep) {
        throw ApiError::invalidRequest("The JSON body of your request nests deeper than " +
                                           std::to_string(json::kMaxDepth) + " levels (at byte " +
                                           std::to_string(parsed.offset) + ").",
                                       std::nullopt, "json_too_deep");
    }
    if (!parsed.ok()) {
        throw ApiError::invalidRequest(
            "We could not parse the JSON body of your request: " + parsed.message + " (at byte " +
                std::to_string(parsed.offset) + ").",
            std::nullopt, "invalid_json");
    }
    if (!document.IsObject()) {
        throw ApiError::invalidRequest(
            "The request body must be a JSON object, but got " + describe(document) + " instead.",
            std::nullopt, "invalid_request_body");
    }
}

void checkType(const std::string& param, Expect expect, const Value& value) {
    switch (expect) {
        case Expect::Number:
            if (!value.IsNumber()) {
                failType(param, "a number", value);
            }
            return;
        case Expect::Integer:
            if (!isInteger(value)) {
                failType(param, "an integer", value);
            }
            return;
        case Expect::Boolean:
            if (!value.IsBool()) {
                failType(param, "a boolean", value);
            }
            return;
        case Expect::String:
            if (!value.IsString()) {
                failType(param, "a string", value);
            }
            return;
        case Expect::Object:
            if (!value.IsObject()) {
                failType(param, "an object", value);
            }
            return;
        case Expect::Array:
            if (!value.IsArray()) {
                failType(param, "an array", value);
            }
            return;
    }
}

void checkOtherFields(const Value& root, const OtherFieldRules& rules,
                      std::vector<std::string>& ignored) {
    for (auto it = root.MemberBegin(); it != root.MemberEnd(); ++it) {
        const std::string name(it->name.GetString(), it->name.GetStringLength());
        if (rules.isRead(name)) {
            continue;
        }
        const Value& value = it->value;
        if (!value.IsNull() && !rules.checkCapability(name, value)) {
            for (const auto& field : rules.accepted) {
                if (field.name == name) {
                    checkType(name, field.expect, value);
                }
            }
        }
        ignored.push_back(name);
    }
}

}  // namespace claude_proxy::openai::fields
