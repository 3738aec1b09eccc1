#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "streaming/line_splitter.hpp"

using claude_proxy::streaming::LineSplitter;

namespace {

struct Collected {
    std::vector<std::string> lines;
    LineSplitter::LineHandler handler() {
        return [this](std::string_view line) { lines.emplace_back(line); };
    }
};

}  // namespace

TEST_CASE("whole lines in one read are delivered in order") {
    LineSplitter splitter(1024);
    Collected out;
    splitter.feed("{\"a\":1}\n{\"b\":2}\n", out.handler());
    CHECK(out.lines == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
}

TEST_CASE("a line split across reads is held until its newline") {
    LineSplitter splitter(1024);
    Collected out;
    splitter.feed("{\"text\":\"hel", out.handler());
    CHECK(out.lines.empty());
    splitter.feed("lo\"}", out.handler());
    CHECK(out.lines.empty());
    splitter.feed("\n", out.handler());
    CHECK(out.lines == std::vector<std::string>{"{\"text\":\"hello\"}"});
}

TEST_CASE("a multi-byte UTF-8 character split across reads arrives whole") {
    const std::string line = "{\"text\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}\n";
    for (std::size_t cut = 1; cut < line.size(); ++cut) {
        LineSplitter splitter(1024);
        Collected out;
        splitter.feed(std::string_view(line).substr(0, cut), out.handler());
        splitter.feed(std::string_view(line).substr(cut), out.handler());
        REQUIRE(out.lines.size() == 1);
        CHECK(out.lines[0] == line.substr(0, line.size() - 1));
    }
}

TEST_CASE("byte-at-a-time feeding gives the same lines") {
    const std::string text = "one\ntwo\r\nthree\n";
    LineSplitter splitter(1024);
    Collected out;
    for (const char c : text) {
        splitter.feed(std::string_view(&c, 1), out.handler());
    }
    CHECK(out.lines == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("a last line without a newline is delivered by finish") {
    LineSplitter splitter(1024);
    Collected out;
    splitter.feed("first\nlast", out.handler());
    CHECK(out.lines.size() == 1);
    splitter.finish(out.handler());
    CHECK(out.lines == std::vector<std::string>{"first", "last"});
}

TEST_CASE("empty lines are skipped") {
    LineSplitter splitter(1024);
    Collected out;
    splitter.feed("\n\na\n\r\n", out.handler());
    splitter.finish(out.handler());
    CHECK(out.lines == std::vector<std::string>{"a"});
}

TEST_CASE("an over-long line is dropped and counted, and the next line survives") {
    LineSplitter splitter(8);
    Collected out;
    splitter.feed("0123456", out.handler());
    splitter.feed("789abcdef", out.handler());  // now over the bound
    splitter.feed("ghij\nok\n", out.handler());
    CHECK(out.lines == std::vector<std::string>{"ok"});
    CHECK(splitter.droppedLines() == 1);
}

TEST_CASE("a line of exactly the bound is kept") {
    LineSplitter splitter(4);
    Collected out;
    splitter.feed("abcd\nabcde\n", out.handler());
    CHECK(out.lines == std::vector<std::string>{"abcd"});
    CHECK(splitter.droppedLines() == 1);
}
