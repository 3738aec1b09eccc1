#pragma once
// What every fuzz target shares: a byte reader for structured inputs, and the oracles that do
// not depend on the code under test (UTF-8, JSON, SSE framing), written independently of it.
// A failed check prints what failed and aborts, which libFuzzer and the replay runner both
// report as a crash of that input.

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
    std::fprintf(stderr, "fuzz oracle failed: %s (%s:%d)\n", what, file, line);
    std::abort();
}

#define FUZZ_REQUIRE(condition)         \
    ((condition) ? static_cast<void>(0) \
                 : ::claude_proxy::fuzz::fail(#condition, __FILE__, __LINE__))

// Reads a fuzz input front to back; past the end every read gives zero or empty.
class Input {
  public:
    Input(const std::uint8_t* data, std::size_t size)
        : rest_(reinterpret_cast<const char*>(data), size) {}

    bool empty() const { return rest_.empty(); }

    std::uint8_t byte() {
        if (rest_.empty()) {
            return 0;
        }
        const auto value = static_cast<std::uint8_t>(rest_.front());
        rest_.remove_prefix(1);
        return value;
    }

    // The bytes up to the next `separator` (which is consumed), or all that is left.
    std::string_view field(char separator) {
        const auto end = rest_.find(separator);
        const std::string_view value = rest_.substr(0, end);
        rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
        return value;
    }

    std::string_view rest() {
        const std::string_view value = rest_;
        rest_ = {};
        return value;
    }

  private:
    std::string_view rest_;
};

// A small deterministic generator for choices the input should not spend bytes on (read sizes,
// gate answers): the same seed always gives the same run.
class Choices {
  public:
    explicit Choices(std::uint32_t seed) : state_(seed * 2654435761U + 1U) {}
    // A value in [0, bound] (bound included).
    std::size_t upTo(std::size_t bound) {
        state_ = state_ * 1664525U + 1013904223U;
        return static_cast<std::size_t>(state_ >> 8) % (bound + 1);
    }

  private:
    std::uint32_t state_;
};

// Well-formed UTF-8 (RFC 3629): shortest forms only, no surrogates, nothing above U+10FFFF.
inline bool isUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code = lead & 0x1FU;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code = lead & 0x0FU;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code = lead & 0x07U;
        } else {
            return false;
        }
        if (text.size() - i < length) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0U) != 0x80U) {
                return false;
            }
            code = (code << 6U) | (next & 0x3FU);
        }
        const std::uint32_t smallest = length == 2 ? 0x80U : length == 3 ? 0x800U : 0x10000U;
        if (code < smallest || code > 0x10FFFFU || (code >= 0xD800U && code <= 0xDFFFU)) {
            return false;
        }
        i += length;
    }
    return true;
}

// Parses `text` as one JSON value, refusing ill-formed UTF-8 in its strings.
inline bool parseJson(rapidjson::Document& document, std::string_view text) {
    document.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(
        text.data(), text.size());
    return !document.HasParseError();
}

inline bool isJson(std::string_view text) {
    rapidjson::Document document;
    return parseJson(document, text);
}

// One event of an SSE body.
struct SseFrame {
    bool comment = false;  // ": …" (keep-alive)
    bool done = false;     // data: [DONE]
    std::string data;      // the JSON of a data frame
};

// Splits SSE text into frames and checks each: "data: <JSON>\n\n", "data: [DONE]\n\n" or a
// ": comment\n\n"; the JSON must parse with valid UTF-8 and hold no raw newline.
inline std::vector<SseFrame> checkSse(std::string_view sse) {
    std::vector<SseFrame> frames;
    while (!sse.empty()) {
        const auto end = sse.find("\n\n");
        FUZZ_REQUIRE(end != std::string_view::npos);
        const std::string_view block = sse.substr(0, end);
        sse.remove_prefix(end + 2);
        FUZZ_REQUIRE(block.find('\n') == std::string_view::npos);
        SseFrame frame;
        if (!block.empty() && block.front() == ':') {
            frame.comment = true;
        } else {
            FUZZ_REQUIRE(block.substr(0, 6) == "data: ");
            frame.data = std::string(block.substr(6));
            frame.done = frame.data == "[DONE]";
            FUZZ_REQUIRE(frame.done || isJson(frame.data));
        }
        frames.push_back(std::move(frame));
    }
    return frames;
}

// The string member `name` of a JSON object, or nullptr.
inline const rapidjson::Value* stringMember(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    const auto member = object.FindMember(name);
    if (member == object.MemberEnd() || !member->value.IsString()) {
        return nullptr;
    }
    return &member->value;
}

inline std::string textOf(const rapidjson::Value& value) {
    return std::string(value.GetString(), value.GetStringLength());
}

}  // namespace claude_proxy::fuzz
