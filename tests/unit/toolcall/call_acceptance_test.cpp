#include "toolcall/call_acceptance.hpp"

#include <doctest/doctest.h>

#include <string>

namespace claude_proxy::toolcall {
namespace {

openai::ToolRequest offering(const std::string& name) {
    openai::ToolRequest request;
    request.tools.push_back({name, "", "{}"});
    return request;
}

std::string fixedId() {
    return "call_1";
}

}  // namespace

TEST_CASE("arguments are normalised to compact JSON, blank arguments are an empty object") {
    const auto accepted =
        acceptCalls(offering("f"), {{"f", " { \"a\" : [1, 2] } "}, {"f", " "}}, fixedId);
    REQUIRE(accepted.calls.size() == 2);
    CHECK(accepted.calls[0].argumentsJson == R"({"a":[1,2]})");
    CHECK(accepted.calls[1].argumentsJson == "{}");
    CHECK(accepted.rejected.empty());
}

TEST_CASE("a model's call nested 200,000 deep is dropped, not a crash") {
    const std::string hostile = "{\"a\":" + std::string(200000, '[');
    const auto accepted = acceptCalls(offering("f"), {{"f", hostile}}, fixedId);
    CHECK(accepted.calls.empty());
    REQUIRE(accepted.rejected.size() == 1);
    CHECK(accepted.rejected[0].find("not a JSON object") != std::string::npos);
}

}  // namespace claude_proxy::toolcall
