#include "support/mock_anthropic.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/URI.h>

#include <sstream>
#include <stdexcept>

#include "support/env_list.hpp"
#include "support/http_client.hpp"
#include "support/json_helpers.hpp"
#include "support/process_census.hpp"
#include "support/test_environment.hpp"

namespace claude_proxy::test_support {
namespace {

constexpr std::chrono::milliseconds kControlTimeout{10000};

std::string stringOr(const rapidjson::Value& object, const char* name) {
    const auto member = object.FindMember(name);
    return member != object.MemberEnd() && member->value.IsString()
               ? std::string(member->value.GetString(), member->value.GetStringLength())
               : std::string();
}

std::int64_t intOr(const rapidjson::Value& object, const char* name) {
    const auto member = object.FindMember(name);
    return member != object.MemberEnd() && member->value.IsInt64() ? member->value.GetInt64() : 0;
}

bool boolOr(const rapidjson::Value& object, const char* name) {
    const auto member = object.FindMember(name);
    return member != object.MemberEnd() && member->value.IsBool() && member->value.GetBool();
}

RecordedRequest toRecordedRequest(const rapidjson::Value& entry) {
    RecordedRequest request;
    request.id = static_cast<std::uint64_t>(intOr(entry, "id"));
    request.method = stringOr(entry, "method");
    request.path = stringOr(entry, "path");
    request.model = stringOr(entry, "model");
    request.stream = boolOr(entry, "stream");
    request.bodyBytes = static_cast<std::size_t>(intOr(entry, "body_bytes"));
    request.scenario = stringOr(entry, "scenario");
    request.body = stringOr(entry, "body");
    request.finished = boolOr(entry, "finished");
    request.status = static_cast<int>(intOr(entry, "status"));
    request.clientClosedEarly = boolOr(entry, "client_closed_early");
    request.durationMs = static_cast<long>(intOr(entry, "duration_ms"));
    request.peerPort = static_cast<int>(intOr(entry, "peer_port"));
    if (const auto headers = entry.FindMember("headers");
        headers != entry.MemberEnd() && headers->value.IsObject()) {
        for (const auto& header : headers->value.GetObject()) {
            if (header.value.IsString()) {
                request.headers[header.name.GetString()] = header.value.GetString();
            }
        }
    }
    if (const auto problems = entry.FindMember("problems");
        problems != entry.MemberEnd() && problems->value.IsArray()) {
        for (const auto& problem : problems->value.GetArray()) {
            if (problem.IsString()) {
                request.problems.emplace_back(problem.GetString(), problem.GetStringLength());
            }
        }
    }
    return request;
}

}  // namespace

MockAnthropic::MockAnthropic(std::chrono::milliseconds startTimeout)
    : server_({mockBinaryPath(), "--port", "0", "--host", "127.0.0.1"},
              buildEnvironment({{"PATH", getEnv("PATH", "/usr/bin:/bin")}}), startTimeout) {}

std::string MockAnthropic::baseUrl() const {
    return "http://127.0.0.1:" + std::to_string(port());
}

std::vector<RecordedRequest> MockAnthropic::requests(std::string_view bodyContains) const {
    std::string target = "/_mock/requests";
    if (!bodyContains.empty()) {
        std::string encoded;
        Poco::URI::encode(std::string(bodyContains), "!#$&'()*+,/:;=?@[]", encoded);
        target += "?body_contains=" + encoded;
    }
    const HttpResponse response = get(port(), target, {}, kControlTimeout);
    if (response.status != 200) {
        throw std::runtime_error("mock-anthropic: GET /_mock/requests gave " +
                                 std::to_string(response.status));
    }
    const rapidjson::Document log = parseJson(response.body);
    std::vector<RecordedRequest> requests;
    if (log.IsArray()) {
        for (const auto& entry : log.GetArray()) {
            requests.push_back(toRecordedRequest(entry));
        }
    }
    return requests;
}

void MockAnthropic::clearRequests() const {
    const HttpResponse response =
        request(port(), "DELETE", "/_mock/requests", "", {}, kControlTimeout);
    if (response.status != 200) {
        throw std::runtime_error("mock-anthropic: DELETE /_mock/requests gave " +
                                 std::to_string(response.status));
    }
}

bool MockAnthropic::waitForRequestCount(std::size_t count,
                                        std::chrono::milliseconds timeout) const {
    return waitForRequests(
        [count](const std::vector<RecordedRequest>& requests) { return requests.size() >= count; },
        timeout);
}

bool MockAnthropic::waitForRequests(
    const std::function<bool(const std::vector<RecordedRequest>&)>& condition,
    std::chrono::milliseconds timeout) const {
    return waitUntil([&] { return condition(requests()); }, timeout);
}

namespace {

std::string base64Marker(std::string_view name, std::string_view text) {
    std::ostringstream encoded;
    Poco::Base64Encoder encoder(encoded);
    encoder.rdbuf()->setLineLength(0);  // one unbroken token
    encoder.write(text.data(), static_cast<std::streamsize>(text.size()));
    encoder.close();
    return "MOCK:" + std::string(name) + "=" + encoded.str();
}

}  // namespace

std::string replyMarker(std::string_view text) {
    return base64Marker("reply64", text);
}

std::string toolInputMarker(std::string_view json) {
    return base64Marker("tool-input64", json);
}

}  // namespace claude_proxy::test_support
