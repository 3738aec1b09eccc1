// Images and PDFs in chat completions: they reach the model as image/document blocks of the
// CLI's user turn, with the same bytes and media type, in one-turn requests, replayed histories
// and live conversations alike.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "conversation_client.hpp"
#include "harness.hpp"
#include "support/process_census.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::waitUntil;

namespace {

// A real 1x1 PNG (the CLI passes small images upstream unchanged) and a minimal PDF.
const std::string kPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg"
    "==";
const std::string kPdf = "JVBERi0xLjQKMSAwIG9iajw8Pj5lbmRvYmoKdHJhaWxlcjw8Pj4KJSVFT0YK";

std::string textPart(const std::string& text) {
    return R"({"type":"text","text":")" + text + "\"}";
}

std::string imagePart(const std::string& url, const std::string& detail = "auto") {
    return R"({"type":"image_url","image_url":{"url":")" + url + R"(","detail":")" + detail +
           "\"}}";
}

std::string pngUrl() {
    return "data:image/png;base64," + kPng;
}

std::string userMessage(const std::string& parts) {
    return R"({"role":"user","content":[)" + parts + "]}";
}

std::string body(const std::string& messages, const std::string& extra = "") {
    return R"({"model":"sonnet","messages":[)" + messages + "]" +
           (extra.empty() ? "" : "," + extra) + "}";
}

// The echoed upstream message that carries the MOCK:echo marker (the last user message).
const rapidjson::Value& lastUser(const rapidjson::Document& echo) {
    const auto& messages = echo["messages"];
    for (auto i = messages.Size(); i-- > 0;) {
        if (std::string(messages[i]["role"].GetString()) == "user") {
            return messages[i];
        }
    }
    FAIL("no user message in the echo");
    return messages;
}

std::vector<std::string> blocksOf(const rapidjson::Value& message) {
    std::vector<std::string> out;
    for (const auto& block : message["blocks"].GetArray()) {
        out.emplace_back(block.GetString());
    }
    return out;
}

void expectOnePng(const rapidjson::Value& message) {
    REQUIRE(message["images"].Size() == 1);
    CHECK(std::string(message["images"][0]["media_type"].GetString()) == "image/png");
    CHECK(std::string(message["images"][0]["data"].GetString()) == kPng);
}

test_support::ProxyOptions liveOptions() {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=8", "--spare-processes=0"};
    return options;
}

}  // namespace

TEST_CASE("images: an image of a one-turn request reaches upstream as an image block, same bytes") {
    Harness h;
    const auto response =
        h.chat(body(userMessage(textPart("MOCK:echo what is this?") + "," + imagePart(pngUrl()))));
    REQUIRE(response.status == 200);
    const auto echo = echoed(response);
    const auto& user = lastUser(echo);
    CHECK(blocksOf(user) == std::vector<std::string>{"text", "image"});
    expectOnePng(user);
    CHECK(std::string(user["text"].GetString()) == "MOCK:echo what is this?");
}

TEST_CASE("images: an image of an earlier message reaches upstream in the replayed history") {
    Harness h;
    const auto response =
        h.chat(body(userMessage(textPart("what is this?") + "," + imagePart(pngUrl(), "low")) +
                    R"(,{"role":"assistant","content":"a tiny dot"},)" +
                    userMessage(textPart("MOCK:echo and what colour is it?"))));
    REQUIRE(response.status == 200);
    const auto echo = echoed(response);
    const auto& user = lastUser(echo);
    // One user turn holding the transcript: text, the image where the first message was, text.
    CHECK(blocksOf(user) == std::vector<std::string>{"text", "image", "text"});
    expectOnePng(user);
    const std::string text = user["text"].GetString();
    CHECK(text.find("what is this?") < text.find("and what colour is it?"));
}

TEST_CASE("images: the new message of a continued live conversation brings its image") {
    Harness h(liveOptions());
    Conversation chat;
    chat.user("First question " + replyMarker("First answer"));
    const auto first = h.chat(chat.body());
    REQUIRE(first.status == 200);
    chat.reply(first);
    REQUIRE(waitUntil([&] { return h.cliProcesses() == 1; }, std::chrono::seconds(20)));

    // The next user message carries an image.
    auto& messages = chat.messages();
    const auto next =
        parseJson(userMessage(textPart("MOCK:echo and this?") + "," + imagePart(pngUrl())));
    rapidjson::Value copy(next, messages.GetAllocator());
    messages.PushBack(copy, messages.GetAllocator());
    const auto second = h.chat(chat.body());
    REQUIRE(second.status == 200);
    CHECK(metric(h, lookups("live")) == 1);
    const auto echo = echoed(second);
    // The process holds the first turn as history; the new turn is text + image only.
    const auto& user = lastUser(echo);
    CHECK(blocksOf(user) == std::vector<std::string>{"text", "image"});
    expectOnePng(user);
    CHECK(std::string(user["text"].GetString()).find("First question") == std::string::npos);
    CHECK(echo["messages"].Size() >= 3);  // the first turn and its answer came before
}

TEST_CASE("images: a streamed request with an image works") {
    Harness h;
    const auto response =
        h.chat(body(userMessage(imagePart(pngUrl()) + "," + textPart("MOCK:echo describe")),
                    R"("stream":true)"));
    REQUIRE(response.status == 200);
    const auto echo = parseJson(streamedText(response.body));
    const auto& user = lastUser(echo);
    CHECK(blocksOf(user) == std::vector<std::string>{"image", "text"});
    expectOnePng(user);
}

TEST_CASE("images: a bad image is a 400 naming the part, and nothing goes upstream") {
    Harness h;
    const auto wrongBytes = h.chat(body(userMessage(textPart("a") + "," + textPart("b") + "," +
                                                    imagePart("data:image/jpeg;base64," + kPng))));
    CHECK(wrongBytes.status == 400);
    const auto error = parseJson(wrongBytes.body);
    CHECK(stringAt(error, "/error/param") == "messages[0].content[2].image_url.url");
    CHECK(stringAt(error, "/error/code") == "invalid_image");
    CHECK(stringAt(error, "/error/type") == "invalid_request_error");

    const auto detail = h.chat(body(userMessage(imagePart(pngUrl(), "ultra"))));
    CHECK(detail.status == 400);
    CHECK(stringAt(parseJson(detail.body), "/error/param") ==
          "messages[0].content[0].image_url.detail");

    // Remote URLs are off by default.
    const auto remote = h.chat(body(userMessage(imagePart("http://127.0.0.1:9/x.png"))));
    CHECK(remote.status == 400);
    CHECK(stringAt(parseJson(remote.body), "/error/code") == "image_url_not_supported");
    CHECK(stringAt(parseJson(remote.body), "/error/param") ==
          "messages[0].content[0].image_url.url");
    CHECK(h.mock.requests().empty());
}

TEST_CASE("images: a PDF file part reaches upstream as a document block, same bytes") {
    Harness h;
    const auto response = h.chat(body(userMessage(
        textPart("MOCK:echo summarise") +
        R"(,{"type":"file","file":{"filename":"x.pdf","file_data":"data:application/pdf;base64,)" +
        kPdf + "\"}}")));
    REQUIRE(response.status == 200);
    const auto echo = echoed(response);
    CHECK(blocksOf(lastUser(echo)) == std::vector<std::string>{"text", "document"});
    // The echo lists only images' data: the document's bytes are checked in the request itself.
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 1);
    const auto upstream = parseJson(requests[0].body);
    int documents = 0;
    for (const auto& message : upstream["messages"].GetArray()) {
        if (!message["content"].IsArray()) {
            continue;
        }
        for (const auto& block : message["content"].GetArray()) {
            if (std::string(block["type"].GetString()) == "document") {
                ++documents;
                CHECK(std::string(block["source"]["type"].GetString()) == "base64");
                CHECK(std::string(block["source"]["media_type"].GetString()) == "application/pdf");
                CHECK(std::string(block["source"]["data"].GetString()) == kPdf);
            }
        }
    }
    CHECK(documents == 1);

    const auto fileId =
        h.chat(body(userMessage(R"({"type":"file","file":{"file_id":"file-123"}})")));
    CHECK(fileId.status == 400);
    CHECK(stringAt(parseJson(fileId.body), "/error/param") ==
          "messages[0].content[0].file.file_id");
}
