#include "conversation/fingerprint.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace claude_proxy::conversation {
namespace {

openai::ChatMessage user(std::string text) {
    openai::ChatMessage message;
    message.role = openai::Role::User;
    message.content = std::move(text);
    return message;
}

openai::MediaPart image(std::string type, std::string data, std::size_t offset = 0) {
    openai::MediaPart part;
    part.mediaType = std::move(type);
    part.base64 = std::move(data);
    part.offset = offset;
    return part;
}

const Digest& header() {
    static const Digest digest = headerDigest({"", "sonnet", "sys", false, "", ""});
    return digest;
}

}  // namespace

TEST_CASE("fingerprint: messages that differ only in an image have different digests") {
    auto withPng = user("what is this");
    withPng.media.push_back(image("image/png", "iVBORw0KGgoAAAA="));
    auto otherData = withPng;
    otherData.media[0].base64 = "iVBORw0KGgoAAAB=";
    auto otherType = withPng;
    otherType.media[0].mediaType = "image/webp";
    auto otherPlace = withPng;
    otherPlace.media[0].offset = 4;
    auto twoImages = withPng;
    twoImages.media.push_back(image("image/png", "iVBORw0KGgoAAAA="));
    const auto textOnly = user("what is this");

    const std::vector<openai::ChatMessage> variants = {withPng,    otherData, otherType,
                                                       otherPlace, twoImages, textOnly};
    for (std::size_t i = 0; i < variants.size(); ++i) {
        for (std::size_t j = i + 1; j < variants.size(); ++j) {
            INFO(i << " vs " << j);
            CHECK(extend(header(), variants[i]) != extend(header(), variants[j]));
        }
    }
    CHECK(extend(header(), withPng) == extend(header(), withPng));  // and stable
}

TEST_CASE("fingerprint: an image in an earlier message changes every later prefix") {
    auto first = user("look");
    first.media.push_back(image("image/gif", "R0lGODlh"));
    auto firstOther = first;
    firstOther.media[0].base64 = "R0lGODdh";
    openai::ChatMessage reply;
    reply.role = openai::Role::Assistant;
    reply.content = "a cat";
    const auto a = prefixDigests(header(), {first, reply, user("and now?")});
    const auto b = prefixDigests(header(), {firstOther, reply, user("and now?")});
    REQUIRE(a.size() == 4);
    CHECK(a[0] == b[0]);
    for (std::size_t i = 1; i < a.size(); ++i) {
        CHECK(a[i] != b[i]);
    }
}

TEST_CASE("fingerprint: a text-only message keeps the digest it had before media existed") {
    // Golden value: the digest scheme must not change for text-only conversations, or the
    // transcripts kept on disk by an older proxy would no longer be found.
    // (Computed independently from the documented field encoding: SHA-256 over
    // "<length>:<bytes>" of each field.)
    const auto digest = extend(headerDigest({"", "sonnet", "", false, "", ""}), user("hi"));
    CHECK(shortHex(digest, 32) ==
          "bab0e58c958ec25a1e287ce81a068a02ac7dd13d0e64f6b721f64e631ef2a47c");
}

TEST_CASE("fingerprint: the routing key reads the first message's text only") {
    auto withImage = user("hello");
    withImage.media.push_back(image("image/png", "iVBO"));
    CHECK(routingKey({withImage}) == routingKey({user("hello")}));
    CHECK(routingKey({user("hello")}) != routingKey({user("hello!")}));
}

}  // namespace claude_proxy::conversation
