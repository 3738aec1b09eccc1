#include "common/json_text.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "common/json_scan.hpp"
#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;

// One past the closing quote of the string literal that opens at text[start], or npos.
std::size_t stringEnd(std::string_view text, std::size_t start) {
    bool escaped = false;
    for (std::size_t pos = start + 1; pos < text.size(); ++pos) {
        if (escaped) {
            escaped = false;
        } else if (text[pos] == '\\') {
            escaped = true;
        } else if (text[pos] == '"') {
            return pos + 1;
        }
    }
    return std::string_view::npos;
}

// One past the end of the value that starts at text[start] in valid JSON.
std::size_t valueEnd(std::string_view text, std::size_t start) {
    const char c = text[start];
    if (c == '{' || c == '[') {
        const BalanceScan scan = scanBalanced(text, start);
        return scan.status == BalanceStatus::Complete ? scan.end : text.size();
    }
    if (c == '"') {
        const std::size_t end = stringEnd(text, start);
        return end == std::string_view::npos ? text.size() : end;
    }
    std::size_t end = start;
    while (end < text.size() && text[end] != ',' && text[end] != '}' && text[end] != ']' &&
           !isSpace(text[end])) {
        ++end;
    }
    return end;
}

std::size_t skipSpace(std::string_view text, std::size_t pos) {
    while (pos < text.size() && isSpace(text[pos])) {
        ++pos;
    }
    return pos;
}

// The depth of the deepest nesting, counted without parsing (bounded by the scanner).
bool withinDepth(std::string_view text) {
    const std::string_view body = trim(text);
    if (body.empty() || (body.front() != '{' && body.front() != '[')) {
        return true;
    }
    return scanBalanced(body, 0).status == BalanceStatus::Complete;
}

}  // namespace

bool isValidJson(std::string_view text) {
    if (!withinDepth(text)) {
        return false;
    }
    rapidjson::Document document;
    document.Parse<kParseFlags>(text.data(), text.size());
    return !document.HasParseError();
}

JsonKind jsonKind(std::string_view validJson) {
    const std::string_view body = trimLeft(validJson);
    if (body.empty()) {
        return JsonKind::Scalar;
    }
    switch (body.front()) {
        case '{':
            return JsonKind::Object;
        case '[':
            return JsonKind::Array;
        case '"':
            return JsonKind::String;
        default:
            return JsonKind::Scalar;
    }
}

std::string compactJson(std::string_view validJson) {
    std::string out;
    out.reserve(validJson.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : validJson) {
        if (inString) {
            out.push_back(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
        } else if (!isSpace(c)) {
            out.push_back(c);
            inString = c == '"';
        }
    }
    return out;
}

std::optional<std::vector<JsonMember>> objectMembers(std::string_view validJson) {
    const std::string_view text = trim(validJson);
    if (text.empty() || text.front() != '{') {
        return std::nullopt;
    }
    std::vector<JsonMember> members;
    std::size_t pos = skipSpace(text, 1);
    while (pos < text.size() && text[pos] == '"') {
        const std::size_t keyEnd = valueEnd(text, pos);
        auto key = decodeJsonString(text.substr(pos, keyEnd - pos));
        pos = skipSpace(text, keyEnd);
        if (!key || pos >= text.size() || text[pos] != ':') {
            return std::nullopt;
        }
        pos = skipSpace(text, pos + 1);
        if (pos >= text.size()) {
            return std::nullopt;
        }
        const std::size_t end = valueEnd(text, pos);
        members.push_back({std::move(*key), text.substr(pos, end - pos)});
        pos = skipSpace(text, end);
        if (pos < text.size() && text[pos] == ',') {
            pos = skipSpace(text, pos + 1);
        }
    }
    return members;
}

std::optional<std::vector<std::string_view>> arrayElements(std::string_view validJson) {
    const std::string_view text = trim(validJson);
    if (text.empty() || text.front() != '[') {
        return std::nullopt;
    }
    std::vector<std::string_view> elements;
    std::size_t pos = skipSpace(text, 1);
    while (pos < text.size() && text[pos] != ']') {
        const std::size_t end = valueEnd(text, pos);
        if (end == pos) {
            return std::nullopt;
        }
        elements.push_back(text.substr(pos, end - pos));
        pos = skipSpace(text, end);
        if (pos < text.size() && text[pos] == ',') {
            pos = skipSpace(text, pos + 1);
        }
    }
    return elements;
}

std::optional<std::string> decodeJsonString(std::string_view literal) {
    const std::string_view text = trim(literal);
    if (text.empty() || text.front() != '"') {
        return std::nullopt;
    }
    rapidjson::Document document;
    document.Parse<kParseFlags>(text.data(), text.size());
    if (document.HasParseError() || !document.IsString()) {
        return std::nullopt;
    }
    return std::string(document.GetString(), document.GetStringLength());
}

std::string quoteJsonString(std::string_view text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string escapeControlCharactersInStrings(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (!inString) {
            out.push_back(c);
            inString = c == '"';
            continue;
        }
        if (escaped) {
            out.push_back(c);
            escaped = false;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\') {
            escaped = true;
            out.push_back(c);
        } else if (c == '"') {
            inString = false;
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20U) {
            char escape[8];
            std::snprintf(escape, sizeof(escape), "\\u%04x", static_cast<unsigned>(byte));
            out += escape;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace claude_proxy::plugins
