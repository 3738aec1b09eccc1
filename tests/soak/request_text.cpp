#include "request_text.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "support/mock_anthropic.hpp"

namespace claude_proxy::soak {
namespace {

constexpr const char* kWeatherTool =
    R"({"type":"function","function":{"name":"get_weather","description":"Current weather )"
    R"(for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},)"
    R"("required":["city"]}}})";

// What the mock model answers to a tool request: a sentence, then a call in the generic
// handler's protocol.
const std::string kToolReply =
    "Let me check.\n```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"city\": "
    "\"Paris\"}}\n```";

std::string jsonString(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return buffer.GetString();
}

bool streamed(const PlannedRequest& request) {
    return request.variant % 2 == 0;
}

}  // namespace

std::string killTagFor(int index) {
    return "[soak-kill-" + std::to_string(index) + "]";
}

ChatSpec chatSpecFor(const PlannedRequest& request) {
    ChatSpec spec;
    switch (request.scenario) {
        case Scenario::Chat:
            spec.markers = "MOCK:deltas=6";
            break;
        case Scenario::Stream:
            spec.markers = "MOCK:deltas=8";
            spec.stream = true;
            break;
        case Scenario::ToolCall:
        case Scenario::ToolStream:
            spec.markers = test_support::replyMarker(kToolReply);
            spec.tools = true;
            spec.stream = request.scenario == Scenario::ToolStream;
            break;
        case Scenario::SlowStream:
            spec.markers = "MOCK:deltas=12 MOCK:slow=100";
            spec.stream = true;
            break;
        case Scenario::Upstream429:
            spec.markers = "MOCK:status=429";
            spec.stream = streamed(request);
            break;
        case Scenario::Upstream500:
            spec.markers = "MOCK:status=500";
            spec.stream = streamed(request);
            break;
        case Scenario::Upstream529:
            spec.markers = "MOCK:status=529";
            spec.stream = streamed(request);
            break;
        case Scenario::UpstreamHang:
            spec.markers = "MOCK:hang";
            spec.stream = streamed(request);
            break;
        case Scenario::MidstreamDrop:
            spec.markers = "MOCK:midstream-error MOCK:deltas=8 MOCK:slow=20";
            spec.stream = streamed(request);
            break;
        case Scenario::CliKilled:
            // A system message, so that the set-up carries a system prompt too; a reply of 4 s,
            // so that the CLI is still answering when it is killed (at most about 1 s after
            // its upstream request arrived).
            spec.system = "You are a helpful assistant.";
            spec.tag = killTagFor(request.index);
            spec.markers = "MOCK:deltas=20 MOCK:slow=200";
            spec.stream = streamed(request);
            break;
        case Scenario::AbortAfterSend:
            spec.markers = "MOCK:deltas=8 MOCK:slow=100";
            spec.stream = streamed(request);
            break;
        case Scenario::AbortMidStream:
            spec.markers = "MOCK:deltas=30 MOCK:slow=50";
            spec.stream = true;
            break;
        default:
            spec.markers = "MOCK:deltas=3";
            break;
    }
    return spec;
}

std::string chatBody(const ChatSpec& spec, int index) {
    const std::string text = "Soak request " + std::to_string(index) + ": say hello. " +
                             (spec.tag.empty() ? "" : spec.tag + " ") + spec.markers;
    std::string body = R"({"model":)" + jsonString(spec.model) + R"(,"messages":[)";
    if (!spec.system.empty()) {
        body += R"({"role":"system","content":)" + jsonString(spec.system) + "},";
    }
    body += R"({"role":"user","content":)" + jsonString(text) + "}]";
    if (spec.stream) {
        body += R"(,"stream":true,"stream_options":{"include_usage":true})";
    }
    if (spec.tools) {
        body += R"(,"tools":[)" + std::string(kWeatherTool) + "]";
    }
    return body + "}";
}

std::string chatHead(std::size_t contentLength) {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           std::to_string(contentLength) + "\r\n\r\n";
}

std::string chatRequest(const std::string& body) {
    return chatHead(body.size()) + body;
}

}  // namespace claude_proxy::soak
