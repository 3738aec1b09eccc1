#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace claude_proxy::openai {

// Thin wrapper over rapidjson::Writer for the response bodies of this layer. Strings are written
// through writeString(), which replaces ill-formed UTF-8 with U+FFFD so the output is always
// valid JSON text whatever bytes the CLI or the client handed us.
class JsonWriter {
  public:
    JsonWriter() : writer_(buffer_) {}

    rapidjson::Writer<rapidjson::StringBuffer>& raw() { return writer_; }

    void startObject() { writer_.StartObject(); }
    void endObject() { writer_.EndObject(); }
    void startArray() { writer_.StartArray(); }
    void endArray() { writer_.EndArray(); }

    void key(std::string_view name);
    void string(std::string_view value);
    void null() { writer_.Null(); }
    void boolean(bool value) { writer_.Bool(value); }
    void integer(long long value) { writer_.Int64(value); }
    // `json` (one complete, valid JSON value) written as it is.
    void raw(std::string_view json) {
        writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
    }

    // key + value in one call, for the common object member case.
    void member(std::string_view name, std::string_view value);
    void memberInt(std::string_view name, long long value);
    void memberNull(std::string_view name);

    // The document written so far; complete once every object/array is closed.
    std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

  private:
    rapidjson::StringBuffer buffer_;
    rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace claude_proxy::openai
