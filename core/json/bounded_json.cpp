#include "json/bounded_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace claude_proxy::json {
namespace {

using Document = rapidjson::Document;
using SizeType = rapidjson::SizeType;

// Passes every SAX event on to the document being built, but stops the parse as soon as an
// object or array would open below the depth limit.
class DepthLimitedBuilder {
  public:
    DepthLimitedBuilder(Document& target, std::size_t maxDepth)
        : target_(target), maxDepth_(maxDepth) {}

    bool Null() { return target_.Null(); }
    bool Bool(bool b) { return target_.Bool(b); }
    bool Int(int i) { return target_.Int(i); }
    bool Uint(unsigned u) { return target_.Uint(u); }
    bool Int64(int64_t i) { return target_.Int64(i); }
    bool Uint64(uint64_t u) { return target_.Uint64(u); }
    bool Double(double d) { return target_.Double(d); }
    bool RawNumber(const char* str, SizeType length, bool copy) {
        return target_.RawNumber(str, length, copy);
    }
    bool String(const char* str, SizeType length, bool copy) {
        return target_.String(str, length, copy);
    }
    bool Key(const char* str, SizeType length, bool copy) { return target_.Key(str, length, copy); }
    bool StartObject() { return open() && target_.StartObject(); }
    bool EndObject(SizeType members) {
        --depth_;
        return target_.EndObject(members);
    }
    bool StartArray() { return open() && target_.StartArray(); }
    bool EndArray(SizeType elements) {
        --depth_;
        return target_.EndArray(elements);
    }

    bool tooDeep() const { return tooDeep_; }

  private:
    bool open() {
        if (depth_ >= maxDepth_) {
            tooDeep_ = true;
            return false;
        }
        ++depth_;
        return true;
    }

    Document& target_;
    std::size_t maxDepth_;
    std::size_t depth_ = 0;
    bool tooDeep_ = false;
};

// Runs the iterative reader over the text for Document::Populate.
template <unsigned kFlags>
class Generator {
  public:
    Generator(std::string_view text, std::size_t maxDepth) : text_(text), maxDepth_(maxDepth) {}

    bool operator()(Document& document) {
        rapidjson::MemoryStream stream(text_.data(), text_.size());
        DepthLimitedBuilder builder(document, maxDepth_);
        rapidjson::Reader reader;
        outcome_ = reader.Parse<kFlags>(stream, builder);
        tooDeep_ = builder.tooDeep();
        return !outcome_.IsError();
    }

    const rapidjson::ParseResult& outcome() const { return outcome_; }
    bool tooDeep() const { return tooDeep_; }

  private:
    std::string_view text_;
    std::size_t maxDepth_;
    rapidjson::ParseResult outcome_;
    bool tooDeep_ = false;
};

template <unsigned kFlags>
ParseResult parseWith(Document& document, std::string_view text, std::size_t maxDepth) {
    Generator<kFlags> generator(text, maxDepth);
    document.SetNull();
    document.Populate(generator);
    ParseResult result;
    if (generator.tooDeep()) {
        result.status = ParseStatus::TooDeep;
        result.message = "nested deeper than " + std::to_string(maxDepth) + " levels";
        result.offset = generator.outcome().Offset();
    } else if (generator.outcome().IsError()) {
        result.status = ParseStatus::Syntax;
        result.message = rapidjson::GetParseError_En(generator.outcome().Code());
        result.offset = generator.outcome().Offset();
    }
    if (!result.ok()) {
        document.SetNull();
    }
    return result;
}

constexpr unsigned kIterative = rapidjson::kParseIterativeFlag;
constexpr unsigned kIterativeValidating = kIterative | rapidjson::kParseValidateEncodingFlag;

}  // namespace

ParseResult parse(Document& document, std::string_view text, const ParseOptions& options) {
    return options.validateUtf8 ? parseWith<kIterativeValidating>(document, text, options.maxDepth)
                                : parseWith<kIterative>(document, text, options.maxDepth);
}

std::string compact(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace claude_proxy::json
