#include "toolcall/call_acceptance.hpp"

#include "openai/random_id.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>

namespace claude_proxy::toolcall {
namespace {

// The arguments as a compact JSON object, or nothing when they are not one.
std::optional<std::string> normalisedArguments(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return std::string("{}");
    }
    rapidjson::Document document;
    document.Parse(text.data(), text.size());
    if (document.HasParseError() || !document.IsObject()) {
        return std::nullopt;
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    document.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
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
