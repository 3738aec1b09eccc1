#include "response_check.hpp"

#include <rapidjson/document.h>

#include "support/http_client.hpp"
#include "support/sse_events.hpp"

namespace claude_proxy::soak {
namespace {

namespace test_support = ::claude_proxy::test_support;

bool isString(const rapidjson::Value& object, const char* name) {
    return object.IsObject() && object.HasMember(name) && object[name].IsString();
}

// `{"error":{...}}` with a message, a type and a code: fills in the verdict's code and message;
// false (and nothing filled in) when it is not so.
bool readError(const rapidjson::Value& document, Verdict& verdict) {
    if (!document.IsObject() || !document.HasMember("error")) {
        return false;
    }
    const auto& error = document["error"];
    if (!isString(error, "message") || !isString(error, "type") || !isString(error, "code")) {
        return false;
    }
    verdict.code = error["code"].GetString();
    verdict.message = error["message"].GetString();
    return true;
}

bool hasToolCalls(const rapidjson::Value& choice, const char* holder) {
    return choice.HasMember(holder) && choice[holder].IsObject() &&
           choice[holder].HasMember("tool_calls") && choice[holder]["tool_calls"].IsArray() &&
           !choice[holder]["tool_calls"].Empty();
}

void readCompletion(const rapidjson::Document& document, Verdict& verdict) {
    if (!document.HasMember("choices")) {
        return;  // another JSON document, e.g. the model list
    }
    const auto& choices = document["choices"];
    if (!choices.IsArray() || choices.Empty() || !choices[0].IsObject() ||
        !choices[0].HasMember("message") || !isString(choices[0], "finish_reason")) {
        verdict.problem = "chat.completion without a message or finish_reason";
        return;
    }
    verdict.toolCalls = std::string_view(choices[0]["finish_reason"].GetString()) == "tool_calls" &&
                        hasToolCalls(choices[0], "message");
}

void readStream(std::string_view body, Verdict& verdict) {
    const auto events = test_support::parseSseEvents(body);
    bool done = false;
    bool callDelta = false;
    bool callFinish = false;
    for (const auto& event : events) {
        if (done) {
            verdict.problem = "an event after [DONE]";
            return;
        }
        if (event.data == "[DONE]") {
            done = true;
            continue;
        }
        rapidjson::Document chunk;
        chunk.Parse(event.data.c_str(), event.data.size());
        if (chunk.HasParseError() || !chunk.IsObject()) {
            verdict.problem = "an event that is not JSON: " + event.data.substr(0, 200);
            return;
        }
        if (chunk.HasMember("error")) {
            verdict.inBand = true;
            if (!readError(chunk, verdict) || verdict.code.empty()) {
                verdict.problem = "an in-band error without message, type and code";
                return;
            }
            continue;
        }
        if (!isString(chunk, "object") ||
            std::string_view(chunk["object"].GetString()) != "chat.completion.chunk" ||
            !chunk.HasMember("choices") || !chunk["choices"].IsArray()) {
            verdict.problem = "an event that is not a chat.completion.chunk";
            return;
        }
        for (const auto& choice : chunk["choices"].GetArray()) {
            callDelta = callDelta || (choice.IsObject() && hasToolCalls(choice, "delta"));
            callFinish = callFinish ||
                         (choice.IsObject() && isString(choice, "finish_reason") &&
                          std::string_view(choice["finish_reason"].GetString()) == "tool_calls");
        }
    }
    if (!done) {
        verdict.problem = "the stream ended without data: [DONE]";
    }
    verdict.toolCalls = callDelta && callFinish;
}

}  // namespace

Verdict readVerdict(std::string_view raw, bool closed) {
    Verdict verdict;
    const auto response = test_support::parseHttpResponse(raw, closed);
    if (!response) {
        verdict.problem = raw.empty() ? "no response" : "an incomplete response";
        return verdict;
    }
    verdict.status = response->status;
    const std::string type = response->header("content-type").value_or("");
    if (response->status == 200 && type.starts_with("text/event-stream")) {
        readStream(response->body, verdict);
        return verdict;
    }
    rapidjson::Document document;
    document.Parse(response->body.c_str(), response->body.size());
    if (document.HasParseError() || !document.IsObject()) {
        verdict.problem = "a body that is not a JSON object: " + response->body.substr(0, 200);
        return verdict;
    }
    if (response->status == 200) {
        readCompletion(document, verdict);
        return verdict;
    }
    if (!readError(document, verdict) || verdict.code.empty()) {
        verdict.problem = "an error body without message, type and code";
    }
    return verdict;
}

}  // namespace claude_proxy::soak
