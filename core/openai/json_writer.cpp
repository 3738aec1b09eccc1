#include "openai/json_writer.hpp"

#include "openai/utf8.hpp"

namespace claude_proxy::openai {
namespace {

void writeText(rapidjson::Writer<rapidjson::StringBuffer>& writer, std::string_view text,
               bool asKey) {
    std::string clean;
    if (!isValidUtf8(text)) {
        clean = sanitizeUtf8(text);
        text = clean;
    }
    const auto length = static_cast<rapidjson::SizeType>(text.size());
    if (asKey) {
        writer.Key(text.data(), length, true);
    } else {
        writer.String(text.data(), length, true);
    }
}

}  // namespace

void JsonWriter::key(std::string_view name) {
    writeText(writer_, name, true);
}

void JsonWriter::string(std::string_view value) {
    writeText(writer_, value, false);
}

void JsonWriter::member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
}

void JsonWriter::memberInt(std::string_view name, long long value) {
    key(name);
    integer(value);
}

void JsonWriter::memberNull(std::string_view name) {
    key(name);
    null();
}

}  // namespace claude_proxy::openai
