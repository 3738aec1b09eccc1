#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <chrono>
#include <string>
#include <thread>

#include "app/environment.hpp"

using claude_proxy::app::configureLogging;
using claude_proxy::app::droppedLogLines;
using claude_proxy::app::LogFormat;

TEST_CASE("a stalled log output drops lines, counted, instead of stalling the callers") {
    // stdout becomes a pipe nobody reads: it fills after some 64 KiB.
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const int savedStdout = ::dup(STDOUT_FILENO);
    REQUIRE(::dup2(fds[1], STDOUT_FILENO) >= 0);

    configureLogging("info", LogFormat::Text);
    const std::string line(200, 'x');
    // Far more than the pipe and the queue hold together; a blocking logger would hang here.
    for (int i = 0; i < 50000; ++i) {
        spdlog::info("{} {}", i, line);
    }
    const auto dropped = droppedLogLines();

    // Let the writer go again: the rest goes to /dev/null, the pipe is drained to its end.
    std::thread reader([&] {
        char buffer[65536];
        while (::read(fds[0], buffer, sizeof buffer) > 0) {
        }
    });
    const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    ::dup2(devNull, STDOUT_FILENO);
    ::close(devNull);
    ::close(fds[1]);
    spdlog::shutdown();  // writes what is still queued
    reader.join();
    ::close(fds[0]);
    ::dup2(savedStdout, STDOUT_FILENO);
    ::close(savedStdout);
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("after", std::make_shared<spdlog::sinks::null_sink_mt>()));
    CHECK(dropped > 0);
}
