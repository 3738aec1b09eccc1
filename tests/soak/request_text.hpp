#pragma once

#include <string>

#include "scenario.hpp"

namespace claude_proxy::soak {

// What a chat request of the mix asks for.
struct ChatSpec {
    std::string model = "sonnet";
    std::string system;   // a system message, when not empty
    std::string markers;  // MOCK: markers scripting the mock model's answer
    std::string tag;      // in the prompt too: what finds the request in the mock's log
    bool stream = false;
    bool tools = false;  // offer get_weather
};

// The chat a scenario sends (`variant` picks streamed or not where both exist). CliKilled
// requests carry killTagFor(index) in their prompt, so that their upstream request, and by its
// connection their CLI, can be told from the others.
ChatSpec chatSpecFor(const PlannedRequest& request);

// The JSON body of a chat request; the user message names the request and holds the markers.
std::string chatBody(const ChatSpec& spec, int index);

// A whole HTTP/1.1 request for POST /v1/chat/completions with `body`, Connection: close.
std::string chatRequest(const std::string& body);

// The head of such a request, up to and including the blank line.
std::string chatHead(std::size_t contentLength);

// What the prompt of a CliKilled request holds: "[soak-kill-<index>]".
std::string killTagFor(int index);

}  // namespace claude_proxy::soak
