#include <doctest/doctest.h>

#include "http/api_key_set.hpp"
#include "http/authentication.hpp"
#include "openai/error_body.hpp"

using claude_proxy::http::ApiKeySet;
using claude_proxy::http::authenticate;
using claude_proxy::http::authenticationError;
using claude_proxy::http::AuthResult;
using claude_proxy::http::constantTimeEqual;

TEST_CASE("constantTimeEqual compares every byte and the lengths") {
    CHECK(constantTimeEqual("", ""));
    CHECK(constantTimeEqual("sk-abc", "sk-abc"));
    CHECK_FALSE(constantTimeEqual("xk-abc", "sk-abc"));  // first byte
    CHECK_FALSE(constantTimeEqual("sk-abd", "sk-abc"));  // last byte
    CHECK_FALSE(constantTimeEqual("sk-ab", "sk-abc"));   // a prefix
    CHECK_FALSE(constantTimeEqual("sk-abcd", "sk-abc"));
    CHECK_FALSE(constantTimeEqual("", "a"));
    const std::string withNul("a\0b", 3);
    CHECK(constantTimeEqual(withNul, std::string("a\0b", 3)));
    CHECK_FALSE(constantTimeEqual(withNul, std::string("a\0c", 3)));
}

TEST_CASE("an ApiKeySet knows its keys and nothing else") {
    const ApiKeySet keys({"sk-first", "sk-second"});
    CHECK(keys.size() == 2);
    CHECK(keys.contains("sk-first"));
    CHECK(keys.contains("sk-second"));
    CHECK_FALSE(keys.contains("sk-firs"));
    CHECK_FALSE(keys.contains("sk-first "));
    CHECK_FALSE(keys.contains(""));
    CHECK_FALSE(keys.contains("SK-FIRST"));
    CHECK(ApiKeySet().empty());
    CHECK_FALSE(ApiKeySet().contains(""));
}

TEST_CASE("requests are accepted with a Bearer token or x-api-key that is a configured key") {
    const ApiKeySet keys({"sk-right"});
    CHECK(authenticate(keys, std::string("Bearer sk-right"), std::nullopt) == AuthResult::Accepted);
    CHECK(authenticate(keys, std::string("bearer   sk-right "), std::nullopt) ==
          AuthResult::Accepted);
    CHECK(authenticate(keys, std::nullopt, std::string("sk-right")) == AuthResult::Accepted);
    // An OpenAI client with a dummy key that also sends the right x-api-key.
    CHECK(authenticate(keys, std::string("Bearer unused"), std::string("sk-right")) ==
          AuthResult::Accepted);
}

TEST_CASE("missing and wrong credentials are told apart") {
    const ApiKeySet keys({"sk-right"});
    CHECK(authenticate(keys, std::nullopt, std::nullopt) == AuthResult::Missing);
    CHECK(authenticate(keys, std::string("  "), std::string("")) == AuthResult::Missing);
    CHECK(authenticate(keys, std::string("Bearer sk-wrong"), std::nullopt) == AuthResult::Rejected);
    CHECK(authenticate(keys, std::string("Basic c2stcmlnaHQ="), std::nullopt) ==
          AuthResult::Rejected);
    CHECK(authenticate(keys, std::string("sk-right"), std::nullopt) == AuthResult::Rejected);
    CHECK(authenticate(keys, std::string("Bearer"), std::nullopt) == AuthResult::Rejected);
    CHECK(authenticate(keys, std::nullopt, std::string("sk-righ")) == AuthResult::Rejected);
}

TEST_CASE("without configured keys every request is accepted") {
    CHECK(authenticate(ApiKeySet(), std::nullopt, std::nullopt) == AuthResult::Accepted);
    CHECK(authenticate(ApiKeySet(), std::string("Bearer x"), std::nullopt) == AuthResult::Accepted);
}

TEST_CASE("the 401 has OpenAI's shape and says what was wrong") {
    const auto missing = authenticationError(AuthResult::Missing);
    CHECK(missing.httpStatus() == 401);
    CHECK(missing.type() == "authentication_error");
    CHECK(missing.code() == "invalid_api_key");
    CHECK(std::string(missing.what()).find("didn't provide an API key") != std::string::npos);
    const auto wrong = authenticationError(AuthResult::Rejected);
    CHECK(std::string(wrong.what()).find("Incorrect API key provided") != std::string::npos);
    CHECK(claude_proxy::openai::renderErrorBody(wrong).find("\"param\":null") != std::string::npos);
}
