#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "harness.hpp"

// What the conversation tests (live and resumed) share: a client-side conversation, and the
// upstream messages and metrics they compare.
namespace claude_proxy::integration {

// A conversation as a client keeps it: the messages it sent, and each reply appended exactly
// as it came back (choices[0].message, as the OpenAI SDKs hand it over).
class Conversation {
  public:
    Conversation() { messages_.SetArray(); }

    void user(const std::string& text);
    void toolResult(const std::string& callId, const std::string& content);
    // Appends the reply of a chat.completion body.
    void reply(const HttpResponse& response);
    // The reply of a stream, assembled from its content deltas.
    void replyText(const std::string& text);
    std::string body(const std::string& extra = "") const;
    rapidjson::Document& messages() { return messages_; }

  private:
    rapidjson::Document messages_;
};

// The "messages" of an upstream request the CLI made, as JSON text per message, without the
// "cache_control" members (the CLI moves its prompt-cache breakpoint to the newest message on
// each request; it marks where the cache ends, it is not content).
std::vector<std::string> upstreamMessages(const test_support::RecordedRequest& request);

// The value of one series on /metrics; -1 when it is not there.
double metric(const Harness& h, const std::string& series);

// The claude_proxy_session_lookups_total series of `source`.
std::string lookups(const std::string& source);

// Text of the content deltas of an SSE body.
std::string streamedText(const std::string& sse);

}  // namespace claude_proxy::integration
