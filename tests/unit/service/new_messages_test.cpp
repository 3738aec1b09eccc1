#include <doctest/doctest.h>

#include "service/session_lease.hpp"

namespace claude_proxy::service {
namespace {

openai::ChatMessage message(openai::Role role, std::string text) {
    openai::ChatMessage out;
    out.role = role;
    out.content = std::move(text);
    return out;
}

openai::MediaPart image(std::string data, std::size_t offset) {
    openai::MediaPart part;
    part.mediaType = "image/png";
    part.base64 = std::move(data);
    part.offset = offset;
    return part;
}

}  // namespace

TEST_CASE("new messages of a live conversation keep their images in place") {
    using openai::Role;
    auto second = message(Role::User, "and this one?");
    second.media.push_back(image("B", 0));
    auto third = message(Role::User, "also");
    third.media.push_back(image("C", 4));
    const std::vector<openai::ChatMessage> rendered = {
        message(Role::System, "sys"), message(Role::User, "first"),
        message(Role::Assistant, "reply"), second, third};
    const auto input = newMessagesText(rendered, 2);
    REQUIRE(input.has_value());
    CHECK(input->text == "and this one?\n\nalso");
    REQUIRE(input->media.size() == 2);
    CHECK(input->media[0].base64 == "B");
    CHECK(input->media[0].offset == 0);
    CHECK(input->media[1].base64 == "C");
    CHECK(input->media[1].offset == input->text.size());

    // Images of the messages the process has seen already are not sent again.
    auto firstWithImage = rendered;
    firstWithImage[1].media.push_back(image("A", 0));
    const auto again = newMessagesText(firstWithImage, 2);
    REQUIRE(again.has_value());
    CHECK(again->media.size() == 2);
    CHECK_FALSE(newMessagesText(rendered, 4).has_value());  // nothing new: a regenerate
}

}  // namespace claude_proxy::service
