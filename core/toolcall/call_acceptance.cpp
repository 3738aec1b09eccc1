#include "toolcall/call_acceptance.hpp"

#include <optional>

#include "json/bounded_json.hpp"
#include "openai/random_id.hpp"

namespace claude_proxy::toolcall {
namespace {

// The arguments as a compact JSON object, or nothing when they are not one.
std::optional<std::string> normalisedArguments(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return std::string("{}");
    }
    rapidjson::Document document;
    if (!json::parse(document, text).ok() || !document.IsObject()) {
        return std::nullopt;  // not JSON, not an object, or nested too deep
    }
    return json::compact(document);
}

}  // namespace

AcceptedCalls acceptCalls(const openai::ToolRequest& request,
                          const std::vector<ParsedCall>& candidates,
                          const std::function<std::string()>& makeId) {
    AcceptedCalls out;
    for (const auto& candidate : candidates) {
        if (request.find(candidate.name) == nullptr) {
            out.rejected.push_back("tool '" + candidate.name + "' was not offered");
            continue;
        }
        if (request.choice == openai::ToolChoiceMode::Named &&
            candidate.name != request.namedTool) {
            out.rejected.push_back("tool '" + candidate.name + "' is not the required '" +
                                   request.namedTool + "'");
            continue;
        }
        const auto arguments = normalisedArguments(candidate.argumentsJson);
        if (!arguments) {
            out.rejected.push_back("arguments of '" + candidate.name + "' are not a JSON object");
            continue;
        }
        if (!request.parallelToolCalls && !out.calls.empty()) {
            out.rejected.push_back("call of '" + candidate.name +
                                   "' dropped: parallel_tool_calls is false");
            continue;
        }
        out.calls.push_back({makeId(), candidate.name, *arguments});
    }
    return out;
}

std::string makeToolCallId() {
    return openai::randomId("call_");
}

}  // namespace claude_proxy::toolcall
