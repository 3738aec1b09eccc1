#include "openai/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace claude_proxy::openai {

TEST_CASE("isValidUtf8 accepts well-formed text") {
    for (const std::string& text :
         std::vector<std::string>{"", "plain ascii", std::string("nul\0inside", 10), "caf\xc3\xa9",
                                  "\xe2\x82\xac", "\xef\xbf\xbd", "\xf0\x9f\x98\x80",
                                  "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf", "\xee\x80\x80"}) {
        CHECK(isValidUtf8(text));
    }
}

TEST_CASE("isValidUtf8 rejects ill-formed text") {
    for (const std::string& text : std::vector<std::string>{
             "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc3", "\xc3x", "\xe0\x80\x80",
             "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xe2\x82", "\xf0\x8f\xbf\xbf",
             "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xfe", "\xff",
             "ok\xf0\x9f\x98"}) {
        INFO("bytes: " << text.size());
        CHECK_FALSE(isValidUtf8(text));
    }
}

TEST_CASE("sanitizeUtf8 replaces each bad byte and keeps the rest") {
    CHECK(sanitizeUtf8("fine \xc3\xa9") == "fine \xc3\xa9");
    CHECK(sanitizeUtf8("a\xff"
                       "b") ==
          "a\xef\xbf\xbd"
          "b");
    CHECK(sanitizeUtf8("\xe2\x82") == "\xef\xbf\xbd\xef\xbf\xbd");
    CHECK(sanitizeUtf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    CHECK(isValidUtf8(sanitizeUtf8("\xc0\xaf\xf0\x9f\x98\x80\xf0")));
}

TEST_CASE("utf8Prefix never splits a sequence") {
    CHECK(utf8Prefix("abc", 10) == "abc");
    CHECK(utf8Prefix("abc", 2) == "ab");
    CHECK(utf8Prefix("abc", 0).empty());
    CHECK(utf8Prefix("a\xc3\xa9", 2) == "a");
    CHECK(utf8Prefix("a\xc3\xa9", 3) == "a\xc3\xa9");
    CHECK(utf8Prefix("\xf0\x9f\x98\x80z", 3).empty());
    CHECK(utf8Prefix("\xf0\x9f\x98\x80z", 4) == "\xf0\x9f\x98\x80");
}

}  // namespace claude_proxy::openai
