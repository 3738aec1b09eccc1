#include "openai/error_body.hpp"

#include <doctest/doctest.h>

#include <string>

#include "openai/model_catalog.hpp"
#include "openai_test_support.hpp"

namespace claude_proxy::openai {

using test::member;
using test::parseJson;
using test::stringOf;

TEST_CASE("an error renders exactly OpenAI's four fields") {
    const ApiError error =
        ApiError::invalidRequest("Bad thing.", std::string("messages[0].role"), "invalid_type");
    CHECK(renderErrorBody(error) ==
          R"({"error":{"message":"Bad thing.","type":"invalid_request_error",)"
          R"("param":"messages[0].role","code":"invalid_type"}})");
}

TEST_CASE("a missing param and an empty code render as null") {
    const ApiError error(502, "api_error", "", "Upstream failed.");
    CHECK(renderErrorBody(error) ==
          R"({"error":{"message":"Upstream failed.","type":"api_error","param":null,)"
          R"("code":null}})");
}

TEST_CASE("the default code of invalidRequest is invalid_value") {
    const auto document = parseJson(renderErrorBody(ApiError::invalidRequest("x", "n")));
    CHECK(stringOf(member(member(document, "error"), "code")) == "invalid_value");
}

TEST_CASE("messages are escaped so the body always parses") {
    // (No NUL here: the message travels through std::exception::what(), a C string.)
    const std::string message =
        "quote \" backslash \\ newline \n tab \t bell \x07 esc \x1b caf\xc3\xa9 \xf0\x9f\x98\x80";
    const ApiError error(400, "invalid_request_error", "c", message, std::string("p\"q"));
    const auto document = parseJson(renderErrorBody(error));
    REQUIRE(document.MemberCount() == 1);
    const auto& body = member(document, "error");
    CHECK(body.MemberCount() == 4);
    CHECK(stringOf(member(body, "message")) == message);
    CHECK(stringOf(member(body, "param")) == "p\"q");
}

TEST_CASE("ill-formed UTF-8 in a message becomes U+FFFD instead of breaking the JSON") {
    const ApiError error(400, "invalid_request_error", "c", "bad \xff byte");
    const auto document = parseJson(renderErrorBody(error));
    CHECK(stringOf(member(member(document, "error"), "message")) == "bad \xef\xbf\xbd byte");
}

TEST_CASE("a catalog 404 renders like OpenAI's model_not_found") {
    const ModelCatalog catalog("sonnet");
    try {
        catalog.resolve("gpt-4o");
        FAIL("resolve should have thrown");
    } catch (const ApiError& error) {
        CHECK(renderErrorBody(error) ==
              R"({"error":{"message":"The model `gpt-4o` does not exist or you do not have )"
              R"(access to it.","type":"invalid_request_error","param":null,)"
              R"("code":"model_not_found"}})");
    }
}

}  // namespace claude_proxy::openai
