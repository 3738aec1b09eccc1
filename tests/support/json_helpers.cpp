#include "support/json_helpers.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace claude_proxy::test_support {
namespace {

constexpr std::size_t kQuoteLimit = 2000;

std::string quoted(std::string_view text) {
    if (text.size() <= kQuoteLimit) {
        return std::string(text);
    }
    return std::string(text.substr(0, kQuoteLimit)) + "… (" + std::to_string(text.size()) +
           " bytes in all)";
}

[[noreturn]] void fail(std::string_view pointer, const std::string& problem,
                       const rapidjson::Value& root) {
    throw JsonError("JSON " + std::string(pointer) + ": " + problem + " in " +
                    quoted(toJson(root)));
}

}  // namespace

rapidjson::Document parseJson(std::string_view text) {
    rapidjson::Document document;
    document.Parse(text.data(), text.size());
    if (document.HasParseError()) {
        throw JsonError("not valid JSON (" +
                        std::string(rapidjson::GetParseError_En(document.GetParseError())) +
                        " at offset " + std::to_string(document.GetErrorOffset()) +
                        "): " + quoted(text));
    }
    return document;
}

std::vector<rapidjson::Document> parseJsonLines(std::string_view text) {
    std::vector<rapidjson::Document> documents;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
            documents.push_back(parseJson(line));
        }
    }
    return documents;
}

const rapidjson::Value* find(const rapidjson::Value& root, std::string_view pointer) {
    const rapidjson::Pointer parsed(pointer.data(), pointer.size());
    if (!parsed.IsValid()) {
        throw JsonError("bad JSON pointer: " + std::string(pointer));
    }
    return parsed.Get(root);
}

const rapidjson::Value& at(const rapidjson::Value& root, std::string_view pointer) {
    const rapidjson::Value* value = find(root, pointer);
    if (value == nullptr) {
        fail(pointer, "missing", root);
    }
    return *value;
}

std::string stringAt(const rapidjson::Value& root, std::string_view pointer) {
    const rapidjson::Value& value = at(root, pointer);
    if (!value.IsString()) {
        fail(pointer, "not a string", root);
    }
    return {value.GetString(), value.GetStringLength()};
}

std::int64_t intAt(const rapidjson::Value& root, std::string_view pointer) {
    const rapidjson::Value& value = at(root, pointer);
    if (!value.IsInt64()) {
        fail(pointer, "not an integer", root);
    }
    return value.GetInt64();
}

bool boolAt(const rapidjson::Value& root, std::string_view pointer) {
    const rapidjson::Value& value = at(root, pointer);
    if (!value.IsBool()) {
        fail(pointer, "not a boolean", root);
    }
    return value.GetBool();
}

bool isNullAt(const rapidjson::Value& root, std::string_view pointer) {
    const rapidjson::Value* value = find(root, pointer);
    return value != nullptr && value->IsNull();
}

std::string toJson(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace claude_proxy::test_support
