#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/formatter.h>

namespace claude_proxy::app {

// One log record as a JSON object, without a line break:
// {"time":"2026-01-02T03:04:05.678Z","level":"info","message":"…"}. The time is UTC with
// milliseconds; ill-formed UTF-8 in the message is replaced, so the line is always valid JSON.
// Pure.
std::string jsonLogLine(std::chrono::system_clock::time_point time, std::string_view level,
                        std::string_view message);

// spdlog formatter writing jsonLogLine() records, one per line (--log-format=json).
class JsonLogFormatter : public spdlog::formatter {
  public:
    void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& out) override;
    std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace claude_proxy::app
