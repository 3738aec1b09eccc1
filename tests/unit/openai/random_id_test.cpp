#include <doctest/doctest.h>

#include <set>
#include <string>

#include "openai/random_id.hpp"

TEST_CASE("random ids: the prefix, then the asked number of letters and digits") {
    const auto id = claude_proxy::openai::randomId("call_", 24);
    CHECK(id.rfind("call_", 0) == 0);
    REQUIRE(id.size() == 5 + 24);
    for (const char c : id.substr(5)) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        CHECK(alnum);
    }
}

TEST_CASE("random ids do not repeat") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        seen.insert(claude_proxy::openai::randomId("chatcmpl-"));
    }
    CHECK(seen.size() == 1000);
}
