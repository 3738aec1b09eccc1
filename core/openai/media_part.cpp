#include "openai/media_part.hpp"

#include <array>
#include <cstdint>
#include <optional>

#include "openai/api_error.hpp"
#include "openai/request_fields.hpp"

namespace claude_proxy::openai {
namespace {

constexpr std::array<std::string_view, 4> kImageTypes = {"image/png", "image/jpeg", "image/gif",
                                                         "image/webp"};
constexpr std::string_view kPdfType = "application/pdf";
constexpr std::size_t kMagicBytes = 16;

char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = lowerAscii(c);
    }
    return out;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && lowered(text.substr(0, prefix.size())) == prefix;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

[[noreturn]] void fail(const std::string& param, const std::string& message, const char* code) {
    throw ApiError::invalidRequest(message, param, code);
}

// A data URL split into its media type (lower case, "" when absent), whether it says
// ";base64", and the text after the comma.
struct DataUrl {
    std::string mediaType;
    bool base64 = false;
    std::string_view data;
};

DataUrl splitDataUrl(std::string_view url, const std::string& param, const char* code) {
    // Caller checked the "data:" prefix.
    const std::string_view rest = url.substr(5);
    const auto comma = rest.find(',');
    if (comma == std::string_view::npos) {
        fail(param, "The data URL has no ',' before its data.", code);
    }
    DataUrl out;
    const std::string_view header = rest.substr(0, comma);
    out.data = rest.substr(comma + 1);
    // "<type>[;name=value]*[;base64]": the first piece is the type, "base64" a flag among the rest.
    std::size_t start = 0;
    for (bool first = true;; first = false) {
        const auto end = header.find(';', start);
        const std::string piece = lowered(
            trimmed(header.substr(start, end == std::string_view::npos ? end : end - start)));
        if (first) {
            out.mediaType = piece;
        } else if (piece == "base64") {
            out.base64 = true;
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

// The checked base64 text of a data URL and its first bytes.
std::string checkedBase64(const DataUrl& data, const std::string& param, const char* code,
                          std::string& head) {
    if (!data.base64) {
        fail(param, "The data URL is not base64-encoded: it must read 'data:<type>;base64,<data>'.",
             code);
    }
    if (data.data.empty()) {
        fail(param, "The data URL holds no data.", code);
    }
    auto decoded = decodeBase64Prefix(data.data, kMagicBytes);
    if (!decoded) {
        fail(param,
             "The data of the data URL is not valid base64 (standard alphabet, padded to a "
             "multiple of 4 characters, no whitespace).",
             code);
    }
    head = std::move(*decoded);
    return std::string(data.data);
}

std::string megabytes(std::size_t bytes) {
    return std::to_string(bytes / (1024 * 1024)) + " MB";
}

void checkImage(std::string_view mediaType, std::string_view head, std::size_t size,
                std::string_view source, const std::string& param) {
    if (!isSupportedImageType(mediaType)) {
        fail(param,
             "The image " + std::string(source) + " has media type '" + fields::echo(mediaType) +
                 "', which the model cannot take; use image/png, image/jpeg, image/gif or "
                 "image/webp.",
             "invalid_image");
    }
    const std::string_view sniffed = sniffImageType(head);
    if (sniffed != mediaType) {
        fail(param,
             "The image " + std::string(source) + " is declared as " + std::string(mediaType) +
                 " but its bytes " +
                 (sniffed.empty() ? std::string("are not a PNG, JPEG, GIF or WEBP image")
                                  : "are " + std::string(sniffed)) +
                 ".",
             "invalid_image");
    }
    if (size > kMaxImageBytes) {
        fail(param,
             "The image " + std::string(source) + " is " + std::to_string(size) +
                 " bytes; the model takes at most " + megabytes(kMaxImageBytes) + " per image.",
             "image_too_large");
    }
}

}  // namespace

bool isSupportedImageType(std::string_view mediaType) {
    for (const auto type : kImageTypes) {
        if (type == mediaType) {
            return true;
        }
    }
    return false;
}

std::string_view sniffImageType(std::string_view bytes) {
    using namespace std::string_view_literals;
    if (bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n"sv) {
        return "image/png";
    }
    if (bytes.substr(0, 3) == "\xff\xd8\xff"sv) {
        return "image/jpeg";
    }
    if (bytes.substr(0, 6) == "GIF87a"sv || bytes.substr(0, 6) == "GIF89a"sv) {
        return "image/gif";
    }
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF"sv && bytes.substr(8, 4) == "WEBP"sv) {
        return "image/webp";
    }
    return {};
}

std::optional<std::string> decodeBase64Prefix(std::string_view text, std::size_t limit) {
    if (text.empty() || text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::size_t padding = 0;
    if (text.back() == '=') {
        ++padding;
        if (text[text.size() - 2] == '=') {
            ++padding;
        }
    }
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    const std::size_t dataChars = text.size() - padding;
    for (std::size_t i = 0; i < dataChars; ++i) {
        const int value = base64Value(text[i]);
        if (value < 0) {
            return std::nullopt;
        }
        bits = (bits << 6) | static_cast<std::uint32_t>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            if (out.size() < limit) {
                out.push_back(static_cast<char>((bits >> count) & 0xff));
            }
        }
    }
    // The bits left over by padding must be zero (a canonical encoding).
    if (count > 0 && (bits & ((1u << count) - 1)) != 0) {
        return std::nullopt;
    }
    return out;
}

std::size_t decodedSize(std::string_view text) {
    std::size_t padding = 0;
    if (!text.empty() && text.back() == '=') {
        ++padding;
        if (text.size() > 1 && text[text.size() - 2] == '=') {
            ++padding;
        }
    }
    return text.size() / 4 * 3 - padding;
}

MediaPart parseImageUrl(std::string_view url, std::string_view detail, const std::string& param,
                        const std::string& detailParam) {
    if (!detail.empty() && detail != "auto" && detail != "low" && detail != "high") {
        std::string named = detailParam;
        if (named.empty()) {
            const auto dot = param.rfind('.');
            named = (dot == std::string::npos ? param : param.substr(0, dot)) + ".detail";
        }
        fields::failValue(named,
                          "'" + fields::echo(detail) + "' is not one of 'auto', 'low', 'high'.");
    }
    MediaPart part;
    part.param = param;
    if (startsWithNoCase(url, "http://") || startsWithNoCase(url, "https://")) {
        part.remoteUrl = std::string(url);
        return part;
    }
    if (!startsWithNoCase(url, "data:")) {
        fail(param,
             "An image URL must be a data URL ('data:image/png;base64,…') or an http(s) URL.",
             "invalid_image");
    }
    const DataUrl data = splitDataUrl(url, param, "invalid_image");
    if (data.mediaType.empty()) {
        fail(param, "The data URL names no media type: it must read 'data:<type>;base64,<data>'.",
             "invalid_image");
    }
    std::string head;
    part.base64 = checkedBase64(data, param, "invalid_image", head);
    checkImage(data.mediaType, head, decodedSize(part.base64), "in the data URL", param);
    part.mediaType = data.mediaType;
    return part;
}

MediaPart imageFromBytes(std::string_view bytes, std::string_view contentType, std::string_view url,
                         const std::string& param) {
    const std::string type = lowered(trimmed(contentType.substr(0, contentType.find(';'))));
    const std::string source = "at " + fields::echo(url);
    checkImage(type, bytes.substr(0, kMagicBytes), bytes.size(), source, param);
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    MediaPart part;
    part.mediaType = type;
    part.param = param;
    part.base64.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto n = (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                       (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                       static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
        part.base64.push_back(kAlphabet[(n >> 18) & 63]);
        part.base64.push_back(kAlphabet[(n >> 12) & 63]);
        part.base64.push_back(kAlphabet[(n >> 6) & 63]);
        part.base64.push_back(kAlphabet[n & 63]);
    }
    if (i < bytes.size()) {
        auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) {
            n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        }
        part.base64.push_back(kAlphabet[(n >> 18) & 63]);
        part.base64.push_back(kAlphabet[(n >> 12) & 63]);
        part.base64.push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=');
        part.base64.push_back('=');
    }
    return part;
}

MediaPart parsePdfDataUrl(std::string_view url, const std::string& param) {
    if (!startsWithNoCase(url, "data:")) {
        fail(param, "file_data must be a data URL: 'data:application/pdf;base64,…'.",
             "invalid_file");
    }
    const DataUrl data = splitDataUrl(url, param, "invalid_file");
    if (data.mediaType != kPdfType) {
        fail(param,
             "Only PDF files can be attached (media type application/pdf), not '" +
                 fields::echo(data.mediaType) + "'.",
             "invalid_file");
    }
    std::string head;
    MediaPart part;
    part.param = param;
    part.base64 = checkedBase64(data, param, "invalid_file", head);
    if (head.substr(0, 5) != "%PDF-") {
        fail(param, "The file is declared as application/pdf but its bytes are not a PDF.",
             "invalid_file");
    }
    const std::size_t size = decodedSize(part.base64);
    if (size > kMaxDocumentBytes) {
        fail(param,
             "The PDF is " + std::to_string(size) + " bytes; at most " +
                 megabytes(kMaxDocumentBytes) + " are accepted.",
             "file_too_large");
    }
    part.mediaType = std::string(kPdfType);
    return part;
}

bool isDocument(const MediaPart& part) {
    return part.mediaType == kPdfType;
}

void checkMediaCount(const std::vector<ChatMessage>& messages) {
    std::size_t count = 0;
    for (const auto& message : messages) {
        for (const auto& media : message.media) {
            if (++count > kMaxMediaPerRequest) {
                throw ApiError::invalidRequest("A request may hold at most " +
                                                   std::to_string(kMaxMediaPerRequest) +
                                                   " images and files.",
                                               media.param, "too_many_images");
            }
        }
    }
}

}  // namespace claude_proxy::openai
