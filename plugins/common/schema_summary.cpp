#include "common/schema_summary.hpp"

#include <rapidjson/document.h>

#include "common/json_text.hpp"
#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

std::string stringOf(const rapidjson::Value& value) {
    return std::string(value.GetString(), value.GetStringLength());
}

std::string typeOf(const rapidjson::Value& schema) {
    if (!schema.IsObject()) {
        return "any";
    }
    const auto type = schema.FindMember("type");
    if (type != schema.MemberEnd()) {
        if (type->value.IsString()) {
            return stringOf(type->value);
        }
        if (type->value.IsArray()) {
            std::string joined;
            for (const auto& item : type->value.GetArray()) {
                if (item.IsString()) {
                    joined += (joined.empty() ? "" : "|") + stringOf(item);
                }
            }
            if (!joined.empty()) {
                return joined;
            }
        }
    }
    if (schema.HasMember("enum")) {
        return "enum";
    }
    if (schema.HasMember("properties")) {
        return "object";
    }
    return "any";
}

std::string placeholderFor(const std::string& type) {
    const std::string first = type.substr(0, type.find('|'));
    if (first == "integer" || first == "number") {
        return "0";
    }
    if (first == "boolean") {
        return "true";
    }
    if (first == "array") {
        return "[]";
    }
    if (first == "object") {
        return "{}";
    }
    return "\"...\"";
}

bool parseSchema(std::string_view schemaJson, rapidjson::Document& document) {
    if (!isValidJson(schemaJson)) {
        return false;
    }
    document.Parse(schemaJson.data(), schemaJson.size());
    return !document.HasParseError() && document.IsObject();
}

}  // namespace

std::vector<ParameterSummary> summarizeParameters(std::string_view schemaJson) {
    std::vector<ParameterSummary> out;
    rapidjson::Document document;
    if (!parseSchema(schemaJson, document)) {
        return out;
    }
    const auto properties = document.FindMember("properties");
    if (properties == document.MemberEnd() || !properties->value.IsObject()) {
        return out;
    }
    std::vector<std::string> required;
    const auto requiredList = document.FindMember("required");
    if (requiredList != document.MemberEnd() && requiredList->value.IsArray()) {
        for (const auto& item : requiredList->value.GetArray()) {
            if (item.IsString()) {
                required.push_back(stringOf(item));
            }
        }
    }
    for (const auto& property : properties->value.GetObject()) {
        ParameterSummary summary;
        summary.name = stringOf(property.name);
        summary.type = typeOf(property.value);
        for (const auto& name : required) {
            summary.required = summary.required || name == summary.name;
        }
        out.push_back(std::move(summary));
    }
    return out;
}

std::string exampleArguments(std::string_view schemaJson) {
    const auto parameters = summarizeParameters(schemaJson);
    std::string out = "{";
    bool anyRequired = false;
    for (const auto& parameter : parameters) {
        anyRequired = anyRequired || parameter.required;
    }
    bool first = true;
    for (const auto& parameter : parameters) {
        if (anyRequired ? !parameter.required : !first) {
            continue;
        }
        if (!first) {
            out += ", ";
        }
        out += quoteJsonString(parameter.name) + ": " + placeholderFor(parameter.type);
        first = false;
    }
    return out + "}";
}

std::string compactSchema(std::string_view schemaJson) {
    if (trim(schemaJson).empty() || !isValidJson(schemaJson)) {
        return "{}";
    }
    return compactJson(trim(schemaJson));
}

std::string firstSentence(std::string_view description, std::size_t maxBytes) {
    std::string collapsed;
    bool space = false;
    const std::string_view text = trim(description);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == '\r') {
            break;
        }
        if (isSpace(c)) {
            space = true;
            continue;
        }
        if (space && !collapsed.empty()) {
            collapsed.push_back(' ');
        }
        space = false;
        collapsed.push_back(c);
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || isSpace(text[i + 1]))) {
            break;
        }
    }
    if (collapsed.size() <= maxBytes) {
        return collapsed;
    }
    std::string cut(trimRight(utf8Prefix(collapsed, maxBytes)));
    return cut + "\xe2\x80\xa6";
}

}  // namespace claude_proxy::plugins
