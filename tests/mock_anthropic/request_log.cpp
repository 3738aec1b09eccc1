#include "request_log.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

namespace mock_anthropic {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void stringField(JsonWriter& writer, const char* name, const std::string& value) {
    writer.Key(name);
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void intField(JsonWriter& writer, const char* name, long value) {
    writer.Key(name);
    writer.Int64(value);
}

void boolField(JsonWriter& writer, const char* name, bool value) {
    writer.Key(name);
    writer.Bool(value);
}

void writeRequest(JsonWriter& writer, const LoggedRequest& request) {
    writer.StartObject();
    intField(writer, "id", static_cast<long>(request.id));
    stringField(writer, "method", request.method);
    stringField(writer, "path", request.path);
    intField(writer, "body_bytes", static_cast<long>(request.body.size()));
    stringField(writer, "model", request.model);
    boolField(writer, "stream", request.stream);
    stringField(writer, "scenario", request.scenario);
    writer.Key("problems");
    writer.StartArray();
    for (const std::string& problem : request.problems) {
        writer.String(problem.data(), static_cast<rapidjson::SizeType>(problem.size()));
    }
    writer.EndArray();
    writer.Key("headers");
    writer.StartObject();
    for (const auto& [name, value] : request.headers) {
        stringField(writer, name.c_str(), value);
    }
    writer.EndObject();
    intField(writer, "received_at_ms", request.receivedAtMs);
    intField(writer, "peer_port", request.peerPort);
    boolField(writer, "finished", request.finished);
    intField(writer, "status", request.status);
    boolField(writer, "client_closed_early", request.clientClosedEarly);
    intField(writer, "duration_ms", request.durationMs);
    stringField(writer, "body", request.body);
    writer.EndObject();
}

}  // namespace

long RequestLog::elapsedMs() const {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started_)
                                 .count());
}

std::uint64_t RequestLog::add(LoggedRequest request) {
    const std::lock_guard lock(mutex_);
    request.id = nextId_++;
    request.receivedAtMs = elapsedMs();
    requests_.push_back(std::move(request));
    return requests_.back().id;
}

void RequestLog::finish(std::uint64_t id, int status, bool clientClosedEarly) {
    const std::lock_guard lock(mutex_);
    const auto found =
        std::find_if(requests_.begin(), requests_.end(),
                     [id](const LoggedRequest& request) { return request.id == id; });
    if (found == requests_.end()) {
        return;
    }
    found->finished = true;
    found->status = status;
    found->clientClosedEarly = clientClosedEarly;
    found->durationMs = elapsedMs() - found->receivedAtMs;
}

void RequestLog::clear() {
    const std::lock_guard lock(mutex_);
    requests_.clear();
}

std::string RequestLog::toJson(std::string_view bodyContains) const {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    {
        const std::lock_guard lock(mutex_);
        for (const LoggedRequest& request : requests_) {
            if (request.body.find(bodyContains) != std::string::npos) {
                writeRequest(writer, request);
            }
        }
    }
    writer.EndArray();
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace mock_anthropic
