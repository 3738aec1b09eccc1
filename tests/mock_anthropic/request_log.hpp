#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mock_anthropic {

// What the mock saw of one request to /v1/*, and how answering it ended.
struct LoggedRequest {
    std::uint64_t id = 0;  // 1, 2, … in arrival order; also used in message ids
    std::string method;
    std::string path;                            // the request URI as sent, query included
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string model;
    bool stream = false;
    std::string scenario;               // Scenario::describe(), or what went wrong parsing
    std::vector<std::string> problems;  // unknown markers, bad values
    long receivedAtMs = 0;              // since the mock started
    int peerPort = 0;                   // the client's TCP port: which process sent it

    // Filled in when the answer is over.
    bool finished = false;
    int status = 0;  // HTTP status sent; 0 when no headers were sent (hang)
    bool clientClosedEarly = false;
    long durationMs = 0;
};

// Thread-safe, in-memory record of requests, oldest first.
class RequestLog {
  public:
    // Stores the request, assigning its id and arrival time; returns the id.
    std::uint64_t add(LoggedRequest request);

    // Records how answering request `id` ended. Ignored if the log was cleared meanwhile.
    void finish(std::uint64_t id, int status, bool clientClosedEarly);

    void clear();

    // The requests as a JSON array of objects with snake_case keys (see README.md): all of
    // them, or only those whose body holds `bodyContains` when it is not empty.
    std::string toJson(std::string_view bodyContains = {}) const;

  private:
    long elapsedMs() const;

    mutable std::mutex mutex_;
    std::vector<LoggedRequest> requests_;
    std::uint64_t nextId_ = 1;  // ids keep growing across clear() so message ids stay unique
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace mock_anthropic
