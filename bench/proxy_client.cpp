#include "proxy_client.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <exception>
#include <optional>

#include "support/http_client.hpp"
#include "support/json_helpers.hpp"

namespace claude_proxy::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace test_support = ::claude_proxy::test_support;

constexpr const char* kPath = "/v1/chat/completions";
// A stream of a short reply is a few dozen lines; this only bounds the read loop.
constexpr int kMaxStreamLines = 100000;

double millisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void writeString(rapidjson::Writer<rapidjson::StringBuffer>& json, const std::string& text) {
    json.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
}

void writeMessage(rapidjson::Writer<rapidjson::StringBuffer>& json, const std::string& role,
                  const std::string& content) {
    json.StartObject();
    json.Key("role");
    writeString(json, role);
    json.Key("content");
    writeString(json, content);
    json.EndObject();
}

// The content of one "data: {...}" chunk's first choice, or nullopt for other lines.
std::optional<std::string> chunkContent(const std::string& line) {
    constexpr std::string_view kPrefix = "data: ";
    if (!line.starts_with(kPrefix) || line == "data: [DONE]") {
        return std::nullopt;
    }
    const auto chunk = test_support::parseJson(std::string_view(line).substr(kPrefix.size()));
    const auto* content = test_support::find(chunk, "/choices/0/delta/content");
    if (content == nullptr || !content->IsString()) {
        return std::nullopt;
    }
    return std::string(content->GetString(), content->GetStringLength());
}

}  // namespace

std::string chatRequestBody(const ChatPrompt& prompt, const std::string& model, bool stream) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartObject();
    json.Key("model");
    writeString(json, model);
    json.Key("messages");
    json.StartArray();
    writeMessage(json, "system", prompt.system);
    writeMessage(json, "user", prompt.user);
    json.EndArray();
    json.Key("stream");
    json.Bool(stream);
    json.EndObject();
    return buffer.GetString();
}

RunMeasurement proxyJsonRequest(int port, const ChatPrompt& prompt, const std::string& model,
                                std::chrono::milliseconds timeout) {
    RunMeasurement measurement;
    const std::string body = chatRequestBody(prompt, model, false);
    try {
        const auto start = Clock::now();
        const auto response = test_support::postJson(port, kPath, body, {}, timeout);
        measurement.totalMs = millisSince(start);
        if (response.status != 200) {
            measurement.error =
                "status " + std::to_string(response.status) + ": " + response.body.substr(0, 300);
        } else {
            const auto completion = test_support::parseJson(response.body);
            const auto text = test_support::stringAt(completion, "/choices/0/message/content");
            if (text != prompt.expectedReply) {
                measurement.error = "unexpected reply '" + text + "'";
            }
        }
    } catch (const std::exception& error) {
        measurement.error = error.what();
    }
    measurement.ok = measurement.error.empty();
    return measurement;
}

RunMeasurement proxyStreamRequest(int port, const ChatPrompt& prompt, const std::string& model,
                                  std::chrono::milliseconds timeout) {
    return proxyStreamBody(port, chatRequestBody(prompt, model, true), prompt.expectedReply,
                           timeout);
}

RunMeasurement proxyStreamBody(int port, const std::string& body, const std::string& expected,
                               std::chrono::milliseconds timeout) {
    RunMeasurement measurement;
    try {
        const auto start = Clock::now();
        test_support::StreamingRequest stream(port, "POST", kPath, body,
                                              {{"Content-Type", "application/json"}}, timeout);
        if (stream.status() != 200) {
            measurement.error = "status " + std::to_string(stream.status()) + ": " +
                                stream.readRest().substr(0, 300);
            return measurement;
        }
        std::string text;
        bool sawContent = false;
        bool sawDone = false;
        for (int i = 0; i < kMaxStreamLines && !sawDone; ++i) {
            const auto line = stream.nextLine();
            if (!line) {
                break;
            }
            sawDone = *line == "data: [DONE]";
            const auto content = chunkContent(*line);
            if (content && !content->empty()) {
                if (!sawContent) {
                    measurement.firstContentMs = millisSince(start);
                    sawContent = true;
                }
                text += *content;
            }
        }
        stream.readRest();
        measurement.totalMs = millisSince(start);
        if (!sawContent || !sawDone) {
            measurement.error =
                "the stream had no content or no [DONE]: " + stream.received().substr(0, 300);
        } else if (text != expected) {
            measurement.error = "unexpected streamed text '" + text + "'";
        }
    } catch (const std::exception& error) {
        measurement.error = error.what();
    }
    measurement.ok = measurement.error.empty();
    return measurement;
}

}  // namespace claude_proxy::bench
