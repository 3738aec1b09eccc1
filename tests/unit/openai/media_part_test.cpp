#include "openai/media_part.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "openai/chat_request.hpp"
#include "openai/transcript.hpp"
#include "openai_test_support.hpp"

namespace claude_proxy::openai {
namespace {

using test::apiErrorFrom;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "\x00\x00\x00\rIHDR rest";
const std::string kJpeg = std::string("\xff\xd8\xff\xe0\x00\x10JFIF", 10);
const std::string kGif87 = std::string("GIF87a\x01\x00\x01\x00", 10);
const std::string kGif89 = std::string("GIF89a\x01\x00\x01\x00", 10);
const std::string kWebp = std::string("RIFF\x24\x00\x00\x00WEBPVP8 ", 16);
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";

std::string b64(std::string_view bytes) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    const auto at = [&bytes](std::size_t k) {
        return static_cast<unsigned>(static_cast<unsigned char>(bytes[k]));
    };
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
        out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63],
                kAlphabet[n & 63]};
    }
    if (i + 1 == bytes.size()) {
        const unsigned n = at(i) << 16;
        out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const unsigned n = (at(i) << 16) | (at(i + 1) << 8);
        out +=
            {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
    }
    return out;
}

std::string dataUrl(std::string_view type, std::string_view bytes) {
    return "data:" + std::string(type) + ";base64," + b64(bytes);
}

const std::string kParam = "messages[1].content[2].image_url.url";

ApiError rejected(std::string_view url, std::string_view detail = "") {
    INFO("url: " << std::string(url.substr(0, 80)));
    const auto error = apiErrorFrom([&] { parseImageUrl(url, detail, kParam); });
    REQUIRE(error.has_value());
    CHECK(error->httpStatus() == 400);
    CHECK(error->type() == "invalid_request_error");
    return *error;
}

void expectInvalidImage(std::string_view url) {
    const auto error = rejected(url);
    CHECK(error.param() == kParam);
    CHECK(error.code() == "invalid_image");
}

const ModelCatalog& catalog() {
    static const ModelCatalog instance("sonnet", {}, {});
    return instance;
}

ChatRequest parse(const std::string& body) {
    INFO("body: " << body.substr(0, 300));
    return parseChatRequest(body, catalog());
}

ApiError rejectedBody(const std::string& body) {
    const auto error = apiErrorFrom([&] { parseChatRequest(body, catalog()); });
    REQUIRE(error.has_value());
    CHECK(error->httpStatus() == 400);
    return *error;
}

std::string imagePart(const std::string& url, const std::string& extra = "") {
    return R"({"type":"image_url","image_url":{"url":")" + url + "\"" + extra + "}}";
}

std::string userWith(const std::string& parts) {
    return R"({"messages":[{"role":"user","content":[)" + parts + "]}]}";
}

}  // namespace

TEST_CASE("media: the four image types are recognised by their magic numbers") {
    CHECK(sniffImageType(kPng) == "image/png");
    CHECK(sniffImageType(kJpeg) == "image/jpeg");
    CHECK(sniffImageType(kGif87) == "image/gif");
    CHECK(sniffImageType(kGif89) == "image/gif");
    CHECK(sniffImageType(kWebp) == "image/webp");
    CHECK(sniffImageType(std::string("RIFF\x24\x00\x00\x00WAVE", 12)).empty());
    CHECK(sniffImageType("GIF88a").empty());
    CHECK(sniffImageType("\x89PNG").empty());  // cut short
    CHECK(sniffImageType(kPdf).empty());
    CHECK(sniffImageType("").empty());
    CHECK(isSupportedImageType("image/webp"));
    CHECK_FALSE(isSupportedImageType("image/svg+xml"));
    CHECK_FALSE(isSupportedImageType("image/PNG"));  // callers lower-case first
}

TEST_CASE("media: strict base64 decoding") {
    CHECK(decodeBase64Prefix("aGVsbG8=", 100) == std::optional<std::string>("hello"));
    CHECK(decodeBase64Prefix("aGVsbG8h", 100) == std::optional<std::string>("hello!"));
    CHECK(decodeBase64Prefix("aGk=", 100) == std::optional<std::string>("hi"));
    CHECK(decodeBase64Prefix("aGVsbG8h", 2) == std::optional<std::string>("he"));
    CHECK(decodedSize("aGVsbG8=") == 5);
    CHECK(decodedSize("aGk=") == 2);
    CHECK(decodedSize("aGVsbG8h") == 6);
    for (const std::string bad : {"", "aGVsbG8", "aGVs bG8=", "aGVs\nbG8=", "aGVsbG8-", "aG_sbG8=",
                                  "a===", "aGk=aGk=", "aGl=" /* non-zero padding bits */, "=aGk"}) {
        INFO("bad: " << bad);
        CHECK_FALSE(decodeBase64Prefix(bad, 100).has_value());
    }
}

TEST_CASE("media: data URLs of the four types parse, with type and data kept") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"image/png", kPng}, {"image/jpeg", kJpeg}, {"image/gif", kGif89}, {"image/webp", kWebp}};
    for (const auto& testCase : cases) {
        const std::string& type = testCase.first;
        const std::string& bytes = testCase.second;
        INFO(type);
        const auto part = parseImageUrl(dataUrl(type, bytes), "", kParam);
        CHECK(part.mediaType == type);
        CHECK(part.base64 == b64(bytes));
        CHECK(part.remoteUrl.empty());
        CHECK(part.param == kParam);
        CHECK_FALSE(isDocument(part));
    }
    // Case and extra parameters in the header do not matter; the type is stored lower case.
    const auto upper = parseImageUrl("DATA:Image/PNG;name=x.png;BASE64," + b64(kPng), "", kParam);
    CHECK(upper.mediaType == "image/png");
}

TEST_CASE("media: detail takes auto, low and high, anything else is a 400 naming it") {
    const std::string url = dataUrl("image/png", kPng);
    for (const std::string detail : {"", "auto", "low", "high"}) {
        CHECK_NOTHROW(parseImageUrl(url, detail, kParam));
    }
    for (const std::string detail : {"medium", "HIGH", "original", " "}) {
        const auto error = rejected(url, detail);
        CHECK(error.param() ==
              std::optional<std::string>("messages[1].content[2].image_url.detail"));
        CHECK(error.code() == "invalid_value");
    }
    const auto named = apiErrorFrom([&] {
        parseImageUrl(url, "x", "input[0].content[1].image_url", "input[0].content[1].detail");
    });
    REQUIRE(named.has_value());
    CHECK(named->param() == std::optional<std::string>("input[0].content[1].detail"));
}

TEST_CASE("media: data URLs that do not decode are 400 invalid_image naming the part") {
    expectInvalidImage("data:image/png;base64");                  // no comma
    expectInvalidImage("data:;base64," + b64(kPng));              // no media type
    expectInvalidImage("data:," + b64(kPng));                     // neither
    expectInvalidImage("data:image/png," + b64(kPng));            // not base64-encoded
    expectInvalidImage("data:image/png;base64,");                 // no data
    expectInvalidImage("data:image/png;base64,iVBORw0KGgo");      // length not a multiple of 4
    expectInvalidImage("data:image/png;base64,iVBO Rw0KGgo=");    // whitespace
    expectInvalidImage("data:image/png;base64,iVBORw0KGgo*AAA");  // outside the alphabet
    expectInvalidImage("ftp://example.com/x.png");                // neither data nor http(s)
    expectInvalidImage("x.png");
    expectInvalidImage("");
    const auto error = rejected("data:image/png," + b64(kPng));
    CHECK(std::string(error.what()).find("not base64-encoded") != std::string::npos);
}

TEST_CASE("media: a type the model cannot take, or bytes of another type, are refused") {
    expectInvalidImage(dataUrl("image/svg+xml", "<svg/>"));
    expectInvalidImage(dataUrl("image/bmp", "BM...."));
    expectInvalidImage(dataUrl("text/plain", kPng));
    expectInvalidImage(dataUrl("image/png", kJpeg));
    expectInvalidImage(dataUrl("image/jpeg", kPng));
    expectInvalidImage(dataUrl("image/gif", kWebp));
    expectInvalidImage(dataUrl("image/webp", std::string("RIFF\x24\x00\x00\x00WAVEfmt ", 16)));
    expectInvalidImage(dataUrl("image/png", "not an image at all"));
    const auto error = rejected(dataUrl("image/png", kJpeg));
    CHECK(std::string(error.what()).find("image/jpeg") != std::string::npos);
}

TEST_CASE("media: an image over the size limit is 400 image_too_large") {
    const std::string big = kPng + std::string(kMaxImageBytes, 'x');
    const auto error = rejected(dataUrl("image/png", big));
    CHECK(error.code() == "image_too_large");
    CHECK(error.param() == kParam);
    const std::string fits = kPng + std::string(kMaxImageBytes - kPng.size(), 'x');
    CHECK(parseImageUrl(dataUrl("image/png", fits), "", kParam).mediaType == "image/png");
}

TEST_CASE("media: http(s) URLs are recorded for fetching, not fetched") {
    for (const std::string url : {"https://example.com/x.png", "HTTP://10.0.0.1/a?b=c"}) {
        const auto part = parseImageUrl(url, "low", kParam);
        CHECK(part.remoteUrl == url);
        CHECK(part.mediaType.empty());
        CHECK(part.base64.empty());
        CHECK(part.param == kParam);
    }
}

TEST_CASE("media: fetched bytes are checked against their Content-Type and encoded") {
    const auto part = imageFromBytes(kGif89, "image/gif; charset=binary", "http://h/x.gif", kParam);
    CHECK(part.mediaType == "image/gif");
    CHECK(part.base64 == b64(kGif89));
    for (const std::string& bytes : {std::string("a"), std::string("ab"), std::string("abc"),
                                     std::string("\xff\x00\x80", 3)}) {
        // The encoder pads like the decoder expects.
        CHECK(decodeBase64Prefix(imageFromBytes(kPng + bytes, "image/png", "u", kParam).base64,
                                 1000) == std::optional<std::string>(kPng + bytes));
    }
    const auto wrong =
        apiErrorFrom([&] { imageFromBytes(kPng, "image/jpeg", "http://h/x", kParam); });
    REQUIRE(wrong.has_value());
    CHECK(wrong->code() == "invalid_image");
    CHECK(std::string(wrong->what()).find("http://h/x") != std::string::npos);
    const auto html =
        apiErrorFrom([&] { imageFromBytes("<html>", "text/html", "http://h/", kParam); });
    REQUIRE(html.has_value());
    CHECK(html->code() == "invalid_image");
}

TEST_CASE("media: PDFs come as data URLs of application/pdf with PDF bytes") {
    const std::string param = "messages[0].content[0].file.file_data";
    const auto part = parsePdfDataUrl(dataUrl("application/pdf", kPdf), param);
    CHECK(part.mediaType == "application/pdf");
    CHECK(part.base64 == b64(kPdf));
    CHECK(isDocument(part));
    for (const std::string& url :
         {dataUrl("application/pdf", "not a pdf"), dataUrl("text/plain", kPdf),
          "data:application/pdf," + b64(kPdf), std::string("data:application/pdf;base64,%%%%"),
          std::string("https://example.com/x.pdf"), dataUrl("image/png", kPng)}) {
        INFO(url);
        const auto error = apiErrorFrom([&] { parsePdfDataUrl(url, param); });
        REQUIRE(error.has_value());
        CHECK(error->code() == "invalid_file");
        CHECK(error->param() == param);
    }
}

// ---- through the request parser --------------------------------------------------------------

TEST_CASE("media: image parts land in the message in order, after the text before them") {
    const std::string png = dataUrl("image/png", kPng);
    const std::string jpeg = dataUrl("image/jpeg", kJpeg);
    const auto request = parse(userWith(R"({"type":"text","text":"first"},)" + imagePart(png) +
                                        R"(,{"type":"text","text":"second"},)" +
                                        imagePart(jpeg, R"(,"detail":"high")")));
    const auto& message = request.messages.at(0);
    CHECK(message.content == "first\nsecond");
    REQUIRE(message.media.size() == 2);
    CHECK(message.media[0].mediaType == "image/png");
    CHECK(message.media[0].offset == 5);  // after "first"
    CHECK(message.media[0].param == "messages[0].content[1].image_url.url");
    CHECK(message.media[1].mediaType == "image/jpeg");
    CHECK(message.media[1].offset == message.content.size());

    const auto onlyImage = parse(userWith(imagePart(png)));
    CHECK(onlyImage.messages[0].content.empty());
    REQUIRE(onlyImage.messages[0].media.size() == 1);
    CHECK(onlyImage.messages[0].media[0].offset == 0);
}

TEST_CASE("media: the image_url field may be a plain URL string") {
    const auto request = parse(
        userWith(R"({"type":"image_url","image_url":")" + dataUrl("image/webp", kWebp) + "\"}"));
    REQUIRE(request.messages[0].media.size() == 1);
    CHECK(request.messages[0].media[0].mediaType == "image/webp");
    CHECK(request.messages[0].media[0].param == "messages[0].content[0].image_url");
}

TEST_CASE("media: bad image parts are 400s naming the exact field") {
    const std::string png = dataUrl("image/png", kPng);
    struct Case {
        std::string parts;
        std::string param;
        std::string code;
    };
    const std::vector<Case> cases = {
        {R"({"type":"text","text":"a"},{"type":"text","text":"b"},)" +
             imagePart("data:image/png;base64,@@@@"),
         "messages[0].content[2].image_url.url", "invalid_image"},
        {R"({"type":"image_url"})", "messages[0].content[0].image_url",
         "missing_required_parameter"},
        {R"({"type":"image_url","image_url":7})", "messages[0].content[0].image_url",
         "invalid_type"},
        {R"({"type":"image_url","image_url":{}})", "messages[0].content[0].image_url.url",
         "missing_required_parameter"},
        {imagePart(png, R"(,"detail":"ultra")"), "messages[0].content[0].image_url.detail",
         "invalid_value"},
        {imagePart(png, R"(,"detail":3)"), "messages[0].content[0].image_url.detail",
         "invalid_type"},
        {R"({"type":"file","file":{"file_id":"file-abc"}})", "messages[0].content[0].file.file_id",
         "unsupported_content"},
        {R"({"type":"file","file":{}})", "messages[0].content[0].file.file_data",
         "missing_required_parameter"},
        {R"({"type":"file","file":{"file_data":")" + dataUrl("text/plain", "hi") + "\"}}",
         "messages[0].content[0].file.file_data", "invalid_file"},
        {R"({"type":"file","file":{"file_data":")" + dataUrl("application/pdf", kPdf) +
             R"(","filename":5}})",
         "messages[0].content[0].file.filename", "invalid_type"},
    };
    for (const auto& c : cases) {
        INFO(c.parts.substr(0, 200));
        const auto error = rejectedBody(userWith(c.parts));
        CHECK(error.param() == c.param);
        CHECK(error.code() == c.code);
    }
}

TEST_CASE("media: images and files only in user messages") {
    const std::string png = dataUrl("image/png", kPng);
    for (const std::string role : {"system", "developer", "assistant"}) {
        const auto error = rejectedBody(R"({"messages":[{"role":")" + role + R"(","content":[)" +
                                        imagePart(png) + "]}]}");
        CHECK(error.param() == std::optional<std::string>("messages[0].content[0].type"));
        CHECK(error.code() == "unsupported_content");
    }
    const auto tool = rejectedBody(R"({"messages":[{"role":"tool","tool_call_id":"c","content":[)" +
                                   imagePart(png) + "]}]}");
    CHECK(tool.code() == "unsupported_content");
}

TEST_CASE("media: PDF file parts become documents") {
    const auto request = parse(userWith(
        R"({"type":"text","text":"summarise"},{"type":"file","file":{"filename":"x.pdf","file_data":")" +
        dataUrl("application/pdf", kPdf) + "\"}}"));
    REQUIRE(request.messages[0].media.size() == 1);
    CHECK(isDocument(request.messages[0].media[0]));
    CHECK(request.messages[0].media[0].base64 == b64(kPdf));
    CHECK(request.messages[0].media[0].offset == 9);
}

TEST_CASE("media: a request holds at most kMaxMediaPerRequest images") {
    const std::string part = imagePart(dataUrl("image/gif", kGif87));
    std::string parts;
    for (std::size_t i = 0; i < kMaxMediaPerRequest; ++i) {
        parts += (i > 0 ? "," : "") + part;
    }
    CHECK(parse(userWith(parts)).messages[0].media.size() == kMaxMediaPerRequest);
    const auto error = rejectedBody(
        R"({"messages":[{"role":"user","content":[)" + parts +
        R"(]},{"role":"assistant","content":"ok"},{"role":"user","content":[)" + part + "]}]}");
    CHECK(error.code() == "too_many_images");
    CHECK(error.param() == std::optional<std::string>("messages[2].content[0].image_url.url"));
}

// ---- transcript ------------------------------------------------------------------------------

TEST_CASE("media: a single turn keeps its media at their offsets") {
    const auto request = parse(
        userWith(R"({"type":"text","text":"look"},)" + imagePart(dataUrl("image/png", kPng))));
    const auto transcript = buildTranscript(request.messages);
    CHECK(transcript.prompt == "look");
    REQUIRE(transcript.media.size() == 1);
    CHECK(transcript.media[0].offset == 4);
}

TEST_CASE("media: a replayed history places each image inside its own turn") {
    const std::string png = dataUrl("image/png", kPng);
    const std::string jpeg = dataUrl("image/jpeg", kJpeg);
    const auto request = parse(
        R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":[{"type":"text","text":"what is this"},)" +
        imagePart(png) + R"(]},{"role":"assistant","content":"a cat"},{"role":"user","content":[)" +
        imagePart(jpeg) + R"(,{"type":"text","text":"and this?"}]}]})");
    const auto transcript = buildTranscript(request.messages);
    REQUIRE(transcript.media.size() == 2);
    CHECK(transcript.media[0].mediaType == "image/png");
    CHECK(transcript.media[1].mediaType == "image/jpeg");
    const std::string& prompt = transcript.prompt;
    // The first image follows "what is this" inside the first user turn ...
    const auto first = prompt.find("<user-t1>\nwhat is this");
    REQUIRE(first != std::string::npos);
    CHECK(transcript.media[0].offset == first + std::string("<user-t1>\nwhat is this").size());
    CHECK(prompt.substr(transcript.media[0].offset, 11) == "\n</user-t1>");
    // ... the second opens the last user turn, before its text.
    const auto last = prompt.rfind("<user-t1>\n");
    CHECK(transcript.media[1].offset == last + std::string("<user-t1>\n").size());
    CHECK(prompt.substr(transcript.media[1].offset, 9) == "and this?");
    CHECK(prompt.find("iVBOR") == std::string::npos);  // the data never goes into the text
}

}  // namespace claude_proxy::openai
