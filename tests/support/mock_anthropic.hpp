#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/spawned_server.hpp"

namespace claude_proxy::test_support {

// One request the mock received, as GET /_mock/requests reports it.
struct RecordedRequest {
    std::uint64_t id = 0;
    std::string method;
    std::string path;                            // query included, e.g. "/v1/messages?beta=true"
    std::map<std::string, std::string> headers;  // lower-case names
    std::string model;
    bool stream = false;
    std::size_t bodyBytes = 0;
    std::string scenario;  // "default", or the markers found, e.g. "status=429 no-retry"
    std::vector<std::string> problems;  // unknown markers, bad values
    std::string body;                   // the full request body
    bool finished = false;              // the mock is done answering it
    int status = 0;                     // HTTP status sent (0: none, e.g. hang)
    bool clientClosedEarly = false;
    long durationMs = 0;
    int peerPort = 0;  // the client's end of the connection (the sender's local port)
};

// The mock Anthropic API (tests/mock_anthropic), started on a free loopback port for the
// lifetime of the object. See tests/mock_anthropic/README.md for the MOCK: markers.
class MockAnthropic {
  public:
    explicit MockAnthropic(std::chrono::milliseconds startTimeout = std::chrono::seconds(20));

    int port() const { return server_.port(); }
    pid_t pid() const { return server_.pid(); }
    std::string baseUrl() const;  // "http://127.0.0.1:<port>", for ANTHROPIC_BASE_URL
    std::string output() const { return server_.output(); }

    // The request log, oldest first: all of it, or only the requests whose body holds
    // `bodyContains` when it is not empty. Throws if the mock does not answer.
    std::vector<RecordedRequest> requests(std::string_view bodyContains = {}) const;
    void clearRequests() const;

    // Bounded polling of the request log.
    bool waitForRequestCount(std::size_t count,
                             std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
    bool waitForRequests(const std::function<bool(const std::vector<RecordedRequest>&)>& condition,
                         std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

    SpawnedServer& process() { return server_; }

  private:
    SpawnedServer server_;
};

// "MOCK:reply64=<base64 of text>": makes the mock reply with exactly `text`.
std::string replyMarker(std::string_view text);

// "MOCK:tool-input64=<base64 of json>": with MOCK:tool_use, the tool's input is `json`.
std::string toolInputMarker(std::string_view json);

}  // namespace claude_proxy::test_support
