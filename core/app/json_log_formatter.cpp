#include "app/json_log_formatter.hpp"

#include <time.h>

#include <cstdio>

#include "openai/json_writer.hpp"

namespace claude_proxy::app {
namespace {

// "2026-01-02T03:04:05.678Z"
std::string utcTimestamp(std::chrono::system_clock::time_point time) {
    const auto sinceEpoch = time.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(sinceEpoch);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(sinceEpoch - seconds).count();
    const time_t whole = static_cast<time_t>(seconds.count());
    struct tm parts {};
    gmtime_r(&whole, &parts);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(millis));
    return text;
}

}  // namespace

std::string jsonLogLine(std::chrono::system_clock::time_point time, std::string_view level,
                        std::string_view message) {
    openai::JsonWriter json;
    json.startObject();
    json.member("time", utcTimestamp(time));
    json.member("level", level);
    json.member("message", message);
    json.endObject();
    return json.str();
}

void JsonLogFormatter::format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& out) {
    const auto level = spdlog::level::to_string_view(message.level);
    const std::string line =
        jsonLogLine(message.time, std::string_view(level.data(), level.size()),
                    std::string_view(message.payload.data(), message.payload.size()));
    out.append(line.data(), line.data() + line.size());
    out.push_back('\n');
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
    return std::make_unique<JsonLogFormatter>();
}

}  // namespace claude_proxy::app
