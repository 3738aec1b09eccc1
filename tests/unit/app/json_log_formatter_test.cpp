#include <doctest/doctest.h>

#include "app/json_log_formatter.hpp"

using claude_proxy::app::jsonLogLine;

TEST_CASE("a JSON log line has the UTC time, the level and the escaped message") {
    // 2026-01-02T03:04:05.678Z
    const auto time =
        std::chrono::system_clock::time_point(std::chrono::milliseconds(1767323045678LL));
    CHECK(jsonLogLine(time, "info", "access request_id=req_1 path=/v1/models status=200") ==
          R"({"time":"2026-01-02T03:04:05.678Z","level":"info",)"
          R"("message":"access request_id=req_1 path=/v1/models status=200"})");
    CHECK(jsonLogLine(time, "warning", "say \"hi\"\n\tback\\slash") ==
          R"({"time":"2026-01-02T03:04:05.678Z","level":"warning",)"
          R"("message":"say \"hi\"\n\tback\\slash"})");
}

TEST_CASE("ill-formed UTF-8 in a log message still gives valid JSON") {
    const auto line =
        jsonLogLine(std::chrono::system_clock::time_point(), "error", "bad \xff byte");
    CHECK(line.find("\xff") == std::string::npos);
    CHECK(line.find("1970-01-01T00:00:00.000Z") != std::string::npos);
}
