// What a request asks of the answer beyond its messages, through the real CLI: structured
// output (response_format), reasoning (reasoning_effort, reasoning_content), stop sequences and
// the output-token limit (max_tokens / max_completion_tokens).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "support/process_census.hpp"
#include "support/sse_events.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::find;
using claude_proxy::test_support::intAt;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::parseSseEvents;
using claude_proxy::test_support::RecordedRequest;
using claude_proxy::test_support::stringAt;
using claude_proxy::test_support::toJson;
using claude_proxy::test_support::toolInputMarker;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(20);
const std::string kPersonSchema =
    R"({"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},)"
    R"("required":["name","age"],"additionalProperties":false})";

std::string schemaFormat(const std::string& schema) {
    return R"("response_format":{"type":"json_schema","json_schema":{"name":"person",)"
           R"("strict":true,"schema":)" +
           schema + "}}";
}

// The data events of a chat stream, without [DONE] (which must come last).
std::vector<rapidjson::Document> chunksOf(const HttpResponse& response) {
    std::vector<rapidjson::Document> chunks;
    bool done = false;
    for (const auto& event : parseSseEvents(response.body)) {
        REQUIRE_FALSE(done);
        if (event.data == "[DONE]") {
            done = true;
        } else {
            chunks.push_back(parseJson(event.data));
        }
    }
    CHECK(done);
    return chunks;
}

// The pieces of delta.<field> in order.
std::vector<std::string> deltaPieces(const std::vector<rapidjson::Document>& chunks,
                                     const char* field) {
    std::vector<std::string> pieces;
    for (const auto& chunk : chunks) {
        if (!chunk.HasMember("choices") || chunk["choices"].Empty()) {
            continue;
        }
        const auto& delta = chunk["choices"][0]["delta"];
        if (delta.HasMember(field) && delta[field].IsString() &&
            delta[field].GetStringLength() > 0) {
            pieces.emplace_back(delta[field].GetString(), delta[field].GetStringLength());
        }
    }
    return pieces;
}

std::string joined(const std::vector<std::string>& pieces) {
    std::string text;
    for (const auto& piece : pieces) {
        text += piece;
    }
    return text;
}

std::string finishOf(const std::vector<rapidjson::Document>& chunks) {
    for (const auto& chunk : chunks) {
        if (chunk.HasMember("choices") && !chunk["choices"].Empty() &&
            chunk["choices"][0]["finish_reason"].IsString()) {
            return chunk["choices"][0]["finish_reason"].GetString();
        }
    }
    return "";
}

rapidjson::Document bodyOf(const RecordedRequest& request) {
    return parseJson(request.body);
}

// The input_schema of the StructuredOutput tool the CLI offered upstream, as compact JSON.
std::string structuredToolSchema(const RecordedRequest& request) {
    const auto body = bodyOf(request);
    const auto* tools = find(body, "/tools");
    REQUIRE(tools != nullptr);
    for (const auto& tool : tools->GetArray()) {
        if (std::string(tool["name"].GetString()) == "StructuredOutput") {
            return toJson(tool["input_schema"]);
        }
    }
    FAIL("no StructuredOutput tool in the upstream request");
    return "";
}

}  // namespace

// ---- structured output -----------------------------------------------------------------------

TEST_CASE("json_schema: the content is the JSON the model gave the CLI's StructuredOutput tool") {
    Harness h;
    const std::string answer = R"({"name":"Ada","age":36})";
    const auto response = h.chat(userBody(
        "Who wrote the first program? MOCK:tool_use=StructuredOutput " + toolInputMarker(answer),
        schemaFormat(kPersonSchema)));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/choices/0/message/content") == answer);
    CHECK(stringAt(body, "/choices/0/finish_reason") == "stop");
    CHECK(find(body, "/choices/0/message/tool_calls") == nullptr);
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 1);
    // The client's schema reached the model as the tool's input schema.
    CHECK(parseJson(structuredToolSchema(requests[0])) == parseJson(kPersonSchema));
}

TEST_CASE("json_schema streamed: the JSON arrives as content, nothing else does") {
    Harness h;
    const std::string answer = R"({"name":"Grace","age":85})";
    const auto response =
        h.chat(userBody(replyMarker("Let me fill that in. ") + " MOCK:tool_use=StructuredOutput " +
                            toolInputMarker(answer),
                        schemaFormat(kPersonSchema) + R"(,"stream":true)"));
    REQUIRE(response.status == 200);
    const auto chunks = chunksOf(response);
    // The model's words before the tool call are not part of a JSON answer.
    CHECK(joined(deltaPieces(chunks, "content")) == answer);
    CHECK(finishOf(chunks) == "stop");
}

TEST_CASE("json_object: an object schema reaches the CLI") {
    Harness h;
    const auto response =
        h.chat(userBody("MOCK:tool_use=StructuredOutput " + toolInputMarker(R"({"ok":true})"),
                        R"("response_format":{"type":"json_object"})"));
    REQUIRE(response.status == 200);
    CHECK(stringAt(parseJson(response.body), "/choices/0/message/content") == R"({"ok":true})");
    CHECK(structuredToolSchema(h.mock.requests().at(0)) == R"({"type":"object"})");
}

TEST_CASE("json_schema: a text-only answer is asked again once, then a 502") {
    Harness h;
    const auto response = h.chat(userBody("just chat", schemaFormat(kPersonSchema)));
    REQUIRE(response.status == 502);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/error/code") == "structured_output_missing");
    // The first turn and the one retry: each is a single upstream request (one turn allowed).
    const auto requests = h.mock.requests();
    CHECK(requests.size() == 2);
    CHECK(requests.back().body.find("StructuredOutput tool") != std::string::npos);
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

TEST_CASE("json_schema with tools is refused with a 400 naming response_format") {
    Harness h;
    const auto response = h.chat(userBody(
        "x", schemaFormat(kPersonSchema) +
                 R"(,"tools":[{"type":"function","function":{"name":"f","parameters":{}}}])"));
    REQUIRE(response.status == 400);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/error/param") == "response_format");
    CHECK(stringAt(body, "/error/code") == "unsupported_parameter");
    CHECK(h.mock.requests().empty());
}

// ---- reasoning -------------------------------------------------------------------------------

TEST_CASE("thinking comes back as reasoning_content, never in content") {
    Harness h;
    const auto response = h.chat(userBody("MOCK:thinking"));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/choices/0/message/content") == "Hello from mock");
    CHECK(stringAt(body, "/choices/0/message/reasoning_content") == "Let me think about this.");
    CHECK(intAt(body, "/usage/completion_tokens_details/reasoning_tokens") > 0);
    CHECK(intAt(body, "/usage/completion_tokens_details/reasoning_tokens") <=
          intAt(body, "/usage/completion_tokens"));
}

TEST_CASE("streamed thinking: reasoning_content deltas come before the content") {
    Harness h;
    const auto response = h.chat(userBody("MOCK:thinking", R"("stream":true)"));
    REQUIRE(response.status == 200);
    const auto chunks = chunksOf(response);
    CHECK(deltaPieces(chunks, "reasoning_content") ==
          std::vector<std::string>{"Let me think", " about this."});
    CHECK(joined(deltaPieces(chunks, "content")) == "Hello from mock");
    // Every reasoning chunk precedes the first content chunk.
    bool contentSeen = false;
    for (const auto& chunk : chunks) {
        if (!chunk.HasMember("choices") || chunk["choices"].Empty()) {
            continue;
        }
        const auto& delta = chunk["choices"][0]["delta"];
        if (delta.HasMember("content") && delta["content"].IsString() &&
            delta["content"].GetStringLength() > 0) {
            contentSeen = true;
        }
        if (delta.HasMember("reasoning_content")) {
            CHECK_FALSE(contentSeen);
        }
    }
}

TEST_CASE("show-reasoning=false drops the thinking") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--show-reasoning=false"};
    Harness h(options);
    const auto plain = h.chat(userBody("MOCK:thinking"));
    REQUIRE(plain.status == 200);
    const auto body = parseJson(plain.body);
    CHECK(find(body, "/choices/0/message/reasoning_content") == nullptr);
    CHECK(stringAt(body, "/choices/0/message/content") == "Hello from mock");
    const auto streamed = h.chat(userBody("MOCK:thinking", R"("stream":true)"));
    CHECK(deltaPieces(chunksOf(streamed), "reasoning_content").empty());
}

TEST_CASE("reasoning_effort sets the effort of its turn only, also on a kept process") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=4", "--spare-processes=0"};
    Harness h(options);
    const auto first =
        h.chat(chatBody({{"user", "first"}}, "sonnet", R"("reasoning_effort":"high")"));
    REQUIRE(first.status == 200);
    const std::string reply = replyText(first);
    // The next turn continues on the same process, without an effort: the default again.
    const auto second = h.chat(
        chatBody({{"user", "first"}, {"assistant", reply}, {"user", "second"}}, "sonnet", ""));
    REQUIRE(second.status == 200);
    const auto third = h.chat(chatBody({{"user", "first"},
                                        {"assistant", reply},
                                        {"user", "second"},
                                        {"assistant", replyText(second)},
                                        {"user", "third"}},
                                       "sonnet", R"("reasoning_effort":"minimal")"));
    REQUIRE(third.status == 200);
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 3);
    CHECK(stringAt(bodyOf(requests[0]), "/output_config/effort") == "high");
    CHECK(stringAt(bodyOf(requests[1]), "/output_config/effort") == "medium");
    CHECK(stringAt(bodyOf(requests[2]), "/output_config/effort") == "low");
    // All three turns were one process: the later requests carry the earlier turns.
    CHECK(bodyOf(requests[2])["messages"].Size() > bodyOf(requests[0])["messages"].Size());
}

// ---- stop ------------------------------------------------------------------------------------

TEST_CASE("stop: the answer ends before the first stop sequence, and the CLI is ended") {
    Harness h;
    const auto response =
        h.chat(userBody(replyMarker("alpha beta END gamma END delta"), R"("stop":["zzz","END"])"));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/choices/0/message/content") == "alpha beta ");
    CHECK(stringAt(body, "/choices/0/finish_reason") == "stop");
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

TEST_CASE("stop streamed: no piece of the stop string is ever sent") {
    Harness h;
    // Streamed 1, 2, 3 code points per delta, so the stop string arrives split across deltas.
    const auto response =
        h.chat(userBody(replyMarker("one STO two STOP three"), R"("stop":"STOP","stream":true)"));
    REQUIRE(response.status == 200);
    const auto chunks = chunksOf(response);
    const auto pieces = deltaPieces(chunks, "content");
    CHECK(joined(pieces) == "one STO two ");
    CHECK(pieces.size() > 1);  // still streamed, not held to the end
    CHECK(finishOf(chunks) == "stop");
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
}

TEST_CASE("stop that never matches changes nothing") {
    Harness h;
    const auto response = h.chat(userBody(replyMarker("plain answer"), R"("stop":["\n\n"])"));
    REQUIRE(response.status == 200);
    CHECK(replyText(response) == "plain answer");
}

// ---- max_tokens ------------------------------------------------------------------------------

TEST_CASE("max_tokens: the CLI's limit is set, the answer ends with length, no continuation") {
    Harness h;
    const auto response = h.chat(
        userBody(replyMarker("the first part") + " MOCK:stop=max_tokens", R"("max_tokens":37)"));
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    // The whole first part (the CLI's result would only hold what came after a continuation).
    CHECK(stringAt(body, "/choices/0/message/content") == "the first part");
    CHECK(stringAt(body, "/choices/0/finish_reason") == "length");
    CHECK(intAt(body, "/usage/completion_tokens") > 0);
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 1);  // the CLI did not ask to continue
    CHECK(intAt(bodyOf(requests[0]), "/max_tokens") == 37);
}

TEST_CASE("max_completion_tokens streamed: length, exactly one upstream request") {
    Harness h;
    const auto response = h.chat(userBody(replyMarker("streamed part") + " MOCK:stop=max_tokens",
                                          R"("max_completion_tokens":50,"stream":true)"));
    REQUIRE(response.status == 200);
    const auto chunks = chunksOf(response);
    CHECK(joined(deltaPieces(chunks, "content")) == "streamed part");
    CHECK(finishOf(chunks) == "length");
    CHECK(waitUntil([&] { return h.cliProcesses() == 0; }, kBound));
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 1);
    CHECK(intAt(bodyOf(requests[0]), "/max_tokens") == 50);
}

TEST_CASE("a limit set for one turn of a kept process does not stay for the next") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=4", "--spare-processes=0"};
    Harness h(options);
    const auto first = h.chat(chatBody({{"user", "first"}}, "sonnet", R"("max_tokens":64)"));
    REQUIRE(first.status == 200);
    const auto second =
        h.chat(chatBody({{"user", "first"}, {"assistant", replyText(first)}, {"user", "second"}}));
    REQUIRE(second.status == 200);
    const auto requests = h.mock.requests();
    REQUIRE(requests.size() == 2);
    CHECK(intAt(bodyOf(requests[0]), "/max_tokens") == 64);
    CHECK(intAt(bodyOf(requests[1]), "/max_tokens") > 64);
    CHECK(bodyOf(requests[1])["messages"].Size() > bodyOf(requests[0])["messages"].Size());
}
