// The pure helpers of the support library: raw HTTP parsing, SSE, JSON, environment, scratch.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "support/env_list.hpp"
#include "support/http_client.hpp"
#include "support/json_helpers.hpp"
#include "support/scratch_dir.hpp"
#include "support/sse_events.hpp"

namespace support = claude_proxy::test_support;

TEST_CASE("helpers: parseHttpResponse handles Content-Length and chunked bodies") {
    const auto plain = support::parseHttpResponse(
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    REQUIRE(plain.has_value());
    CHECK(plain->status == 404);
    CHECK(plain->reason == "Not Found");
    CHECK(plain->header("content-type") == "application/json");
    CHECK(plain->header("CONTENT-TYPE") == "application/json");
    CHECK(plain->body == "{}");

    const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                support::chunkedBody({"hello ", "", "world"});
    const auto decoded = support::parseHttpResponse(chunked);
    REQUIRE(decoded.has_value());
    CHECK(decoded->body == "hello world");

    CHECK_FALSE(support::parseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab"));
    CHECK_FALSE(support::parseHttpResponse(chunked.substr(0, chunked.size() - 3)));
    const auto untilClose = support::parseHttpResponse("HTTP/1.0 200 OK\r\n\r\nrest", true);
    REQUIRE(untilClose.has_value());
    CHECK(untilClose->body == "rest");
}

TEST_CASE("helpers: chunkedBody encodes sizes in hex") {
    CHECK(support::chunkedBody({std::string(26, 'x')}) ==
          "1a\r\n" + std::string(26, 'x') + "\r\n0\r\n\r\n");
    CHECK(support::chunkedBody({}) == "0\r\n\r\n");
}

TEST_CASE("helpers: parseSseEvents") {
    const auto events = support::parseSseEvents(
        ": comment\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\n"
        "data: line1\ndata: line2\nid: 7\n\ndata: [DONE]");
    REQUIRE(events.size() == 3);
    CHECK(events[0].event == "message_start");
    CHECK(events[0].data == "{\"a\":1}");
    CHECK(events[1].event.empty());
    CHECK(events[1].data == "line1\nline2");
    CHECK(events[1].id == "7");
    CHECK(events[2].data == "[DONE]");
}

TEST_CASE("helpers: JSON access by pointer, with readable failures") {
    const auto document = support::parseJson(R"({"a":{"b":[1,"two",true,null]}})");
    CHECK(support::intAt(document, "/a/b/0") == 1);
    CHECK(support::stringAt(document, "/a/b/1") == "two");
    CHECK(support::boolAt(document, "/a/b/2"));
    CHECK(support::isNullAt(document, "/a/b/3"));
    CHECK(support::find(document, "/a/c") == nullptr);
    CHECK_THROWS_AS(support::stringAt(document, "/a/b/0"), support::JsonError);
    CHECK_THROWS_WITH_AS(support::parseJson("{oops"), doctest::Contains("{oops"),
                         support::JsonError);
    CHECK(support::parseJsonLines("{\"x\":1}\n\n[2]\n").size() == 2);
    CHECK(support::toJson(support::at(document, "/a")) == R"({"b":[1,"two",true,null]})");
}

TEST_CASE("helpers: buildEnvironment overrides in place and appends new names") {
    const auto environment =
        support::buildEnvironment({{"A", "1"}, {"B", "2"}}, {{"B", "two"}, {"C", "3"}});
    CHECK(environment == std::vector<std::string>{"A=1", "B=two", "C=3"});
}

TEST_CASE("helpers: ScratchDir is created and removed with its contents") {
    std::string path;
    {
        const support::ScratchDir scratch("support-selftest");
        path = scratch.path();
        CHECK(path.rfind("/tmp/support-selftest-", 0) == 0);
        const std::string file = scratch.writeFile("a/b/c.txt", "content");
        std::ifstream in(file);
        std::string text;
        std::getline(in, text);
        CHECK(text == "content");
        CHECK(std::filesystem::is_directory(scratch.subdir("x/y")));
    }
    CHECK_FALSE(std::filesystem::exists(path));
}
