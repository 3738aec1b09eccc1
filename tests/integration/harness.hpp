#pragma once

#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"
#include "support/json_helpers.hpp"
#include "support/mock_anthropic.hpp"
#include "support/proxy_process.hpp"

namespace claude_proxy::integration {

namespace test_support = ::claude_proxy::test_support;
using test_support::HttpResponse;
using test_support::replyMarker;

// A mock Anthropic API and a proxy pointed at it, for one test.
struct Harness {
    explicit Harness(test_support::ProxyOptions options = {}) : proxy(mock, std::move(options)) {}

    test_support::MockAnthropic mock;
    test_support::ProxyProcess proxy;

    HttpResponse chat(const std::string& body, const test_support::HeaderList& headers = {},
                      std::chrono::milliseconds timeout = test_support::kDefaultHttpTimeout) const {
        return test_support::postJson(proxy.port(), "/v1/chat/completions", body, headers, timeout);
    }

    // CLI processes the proxy is running right now.
    std::size_t cliProcesses() const;
};

// {"role": role, "content": content} pairs, in order.
using Turns = std::vector<std::pair<std::string, std::string>>;

// A chat request body with correctly escaped JSON. `extra` is spliced in as more members
// (e.g. R"("stream":true)"), empty for none.
std::string chatBody(const Turns& turns, const std::string& model = "sonnet",
                     const std::string& extra = "");

// One user message.
std::string userBody(const std::string& text, const std::string& extra = "");

// The assistant text of a chat.completion body.
std::string replyText(const HttpResponse& response);

// The text the mock's MOCK:echo reply describes, parsed.
rapidjson::Document echoed(const HttpResponse& response);

}  // namespace claude_proxy::integration
