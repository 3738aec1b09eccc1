#pragma once

// Shared helpers for the openai unit tests (not a test file itself: only *_test.cpp are built).

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "openai/api_error.hpp"

namespace claude_proxy::openai::test {

// Parses `text` strictly (UTF-8 validated); fails the test when it is not valid JSON.
inline rapidjson::Document parseJson(std::string_view text) {
    rapidjson::Document document;
    document.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
    INFO("JSON: " << std::string(text));
    REQUIRE_FALSE(document.HasParseError());
    return document;
}

inline std::string stringOf(const rapidjson::Value& value) {
    REQUIRE(value.IsString());
    return std::string(value.GetString(), value.GetStringLength());
}

inline const rapidjson::Value& member(const rapidjson::Value& object, const char* name) {
    REQUIRE(object.IsObject());
    const auto found = object.FindMember(name);
    INFO("member: " << name);
    REQUIRE(found != object.MemberEnd());
    return found->value;
}

// The ApiError thrown by `action`, or nullopt when it threw none.
template <typename Action>
std::optional<ApiError> apiErrorFrom(Action&& action) {
    try {
        std::forward<Action>(action)();
    } catch (const ApiError& error) {
        return error;
    }
    return std::nullopt;
}

}  // namespace claude_proxy::openai::test
