#include "cli/cli_result.hpp"

#include <doctest/doctest.h>

#include <string>

using claude_proxy::cli::parseResultObject;
using claude_proxy::cli::parseResultOutput;

namespace {

// Shapes copied from the fact sheet (§1, §5, §6, §7), keys in the CLI's own unstable order.
const std::string kSuccess =
    R"({"duration_api_ms":39,"stop_reason":"end_turn","session_id":"9554bfbc-0000","total_cost_usd":0.000108,)"
    R"("usage":{"input_tokens":12,"cache_creation_input_tokens":5,"cache_read_input_tokens":7,"output_tokens":3,)"
    R"("output_tokens_details":{"thinking_tokens":0},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},)"
    R"("service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0},)"
    R"("inference_geo":"","iterations":[],"speed":"standard","fallback_credit":null},)"
    R"("modelUsage":{"claude-opus-5-5":{"inputTokens":12,"outputTokens":3,"cacheReadInputTokens":0,)"
    R"("cacheCreationInputTokens":0,"webSearchRequests":0,"costUSD":0.000108,"contextWindow":1000000,)"
    R"("maxOutputTokens":128000,"thinkingTokens":0,"canonicalModel":"claude-opus-5-5","provider":"firstParty",)"
    R"("costBasis":"list"}},"permission_denials":[],"terminal_reason":"completed","fast_mode_state":"off",)"
    R"("subagent_stats":{},"safety_stops":0,"is_error":false,"num_turns":1,"subtype":"success",)"
    R"("api_error_status":null,"result":"Hello from mock","ttft_ms":116,"type":"result","duration_ms":133,)"
    R"("uuid":"983fddf6-0000","queued_turn_count":0,"result_index":0})";

std::string apiError(int status, const std::string& type, const std::string& text) {
    return R"({"type":"result","subtype":"success","is_error":true,"api_error_status":)" +
           std::to_string(status) + R"(,"api_error_type":")" + type +
           R"(","terminal_reason":"api_error","stop_reason":"stop_sequence","num_turns":1,"result":")" +
           text +
           R"(","usage":{"input_tokens":0,"output_tokens":0},"modelUsage":{},"session_id":"s","uuid":"u"})";
}

const std::string kMaxTurns =
    R"({"session_id":"s","subtype":"error_max_turns","is_error":true,"terminal_reason":"max_turns",)"
    R"~("stop_reason":"tool_use","num_turns":2,"errors":["Reached maximum number of turns (1)"],)~"
    R"("usage":{"input_tokens":36,"output_tokens":9},"type":"result","uuid":"u"})";

}  // namespace

TEST_CASE("parseResultOutput: success line") {
    const auto r = parseResultOutput(kSuccess + "\n");
    REQUIRE(r.has_value());
    CHECK_FALSE(r->isError);
    CHECK(r->subtype == "success");
    REQUIRE(r->resultText.has_value());
    CHECK(*r->resultText == "Hello from mock");
    CHECK(r->stopReason == "end_turn");
    CHECK(r->terminalReason == "completed");
    CHECK_FALSE(r->apiErrorStatus.has_value());
    CHECK(r->apiErrorType.empty());
    CHECK(r->errors.empty());
    CHECK(r->usage.inputTokens == 12);
    CHECK(r->usage.outputTokens == 3);
    CHECK(r->usage.cacheReadInputTokens == 7);
    CHECK(r->usage.cacheCreationInputTokens == 5);
    CHECK(r->model == "claude-opus-5-5");
}

TEST_CASE("parseResultOutput: API errors come back as subtype success with is_error") {
    struct Case {
        int status;
        const char* type;
        const char* text;
    };
    const Case cases[] = {
        {401, "authentication_error",
         "Failed to authenticate. API Error: 401 mock authentication_error (401)"},
        {429, "rate_limit_error",
         "API Error: Request rejected (429) · mock rate_limit_error (429)"},
        {529, "overloaded_error",
         "API Error: 529 mock overloaded_error (529). This is a server-side issue"},
        {404, "not_found_error",
         "There's an issue with the selected model (garbage-model). It may not exist or you may "
         "not have access to it. Run --model to pick a different model."},
    };
    for (const auto& c : cases) {
        INFO(c.status);
        const auto r = parseResultOutput(apiError(c.status, c.type, c.text));
        REQUIRE(r.has_value());
        CHECK(r->isError);
        CHECK(r->subtype == "success");
        REQUIRE(r->apiErrorStatus.has_value());
        CHECK(*r->apiErrorStatus == c.status);
        CHECK(r->apiErrorType == c.type);
        CHECK(r->terminalReason == "api_error");
        REQUIRE(r->resultText.has_value());
        CHECK(*r->resultText == c.text);
        CHECK(r->model.empty());
    }
}

TEST_CASE("parseResultOutput: connection refused has a null status and no type") {
    const std::string line =
        R"({"type":"result","subtype":"success","is_error":true,"api_error_status":null,)"
        R"~("terminal_reason":"api_error","result":"API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)"})~";
    const auto r = parseResultOutput(line);
    REQUIRE(r.has_value());
    CHECK(r->isError);
    CHECK_FALSE(r->apiErrorStatus.has_value());
    CHECK(r->apiErrorType.empty());
}

TEST_CASE("parseResultOutput: error_max_turns has no result key and an errors array") {
    const auto r = parseResultOutput(kMaxTurns);
    REQUIRE(r.has_value());
    CHECK(r->isError);
    CHECK(r->subtype == "error_max_turns");
    CHECK_FALSE(r->resultText.has_value());
    CHECK_FALSE(r->apiErrorStatus.has_value());
    REQUIRE(r->errors.size() == 1);
    CHECK(r->errors[0] == "Reached maximum number of turns (1)");
    CHECK(r->stopReason == "tool_use");
    CHECK(r->usage.inputTokens == 36);
}

TEST_CASE("parseResultOutput: garbage, empty, truncated") {
    CHECK_FALSE(parseResultOutput("").has_value());
    CHECK_FALSE(parseResultOutput("\n\n").has_value());
    CHECK_FALSE(parseResultOutput("Segmentation fault\n").has_value());
    CHECK_FALSE(parseResultOutput("API Error: Connection refused\n").has_value());
    CHECK_FALSE(parseResultOutput(kSuccess.substr(0, kSuccess.size() / 2)).has_value());
    CHECK_FALSE(parseResultOutput(kSuccess.substr(0, kSuccess.size() - 1)).has_value());
    CHECK_FALSE(
        parseResultOutput(R"({"type":"assistant","result":"x","is_error":false})").has_value());
    CHECK_FALSE(parseResultOutput(R"(["result"])").has_value());
    CHECK_FALSE(parseResultOutput(R"("result")").has_value());
    // A result line without a boolean is_error is not a result.
    CHECK_FALSE(
        parseResultOutput(R"({"type":"result","result":"x","is_error":"false"})").has_value());
}

TEST_CASE("parseResultOutput: noise before the result, the last result wins") {
    const std::string stdoutText =
        "Warning: something on stdout\r\n"
        R"({"type":"system","subtype":"init","session_id":"s"})"
        "\n" +
        apiError(529, "overloaded_error", "first") + "\n" +
        "[claude-code:unrecognized_model] {\"model\":\"gpt-4o\"}\n" + kSuccess + "\r\n\n";
    const auto r = parseResultOutput(stdoutText);
    REQUIRE(r.has_value());
    CHECK_FALSE(r->isError);
    CHECK(*r->resultText == "Hello from mock");

    // A truncated last line falls back to the previous complete result.
    const auto r2 = parseResultOutput(kMaxTurns + "\n" + kSuccess.substr(0, 100));
    REQUIRE(r2.has_value());
    CHECK(r2->subtype == "error_max_turns");
}

TEST_CASE("parseResultOutput: --verbose array form and pretty-printed object") {
    const std::string array = R"([{"type":"system","subtype":"init"},)" + kSuccess + "]";
    auto r = parseResultOutput(array);
    REQUIRE(r.has_value());
    CHECK(*r->resultText == "Hello from mock");

    const std::string pretty =
        "{\n  \"type\": \"result\",\n  \"is_error\": false,\n  \"result\": \"hi\"\n}\n";
    r = parseResultOutput(pretty);
    REQUIRE(r.has_value());
    CHECK(*r->resultText == "hi");
}

TEST_CASE("parseResultObject: model with the most output tokens, first on ties") {
    const std::string line =
        R"({"type":"result","is_error":false,"result":"ok","modelUsage":{)"
        R"("claude-haiku-5-5":{"outputTokens":40},"claude-opus-5-5":{"outputTokens":300},)"
        R"("claude-sonnet-5-5":{"outputTokens":300}}})";
    auto r = parseResultObject(line);
    REQUIRE(r.has_value());
    CHECK(r->model == "claude-opus-5-5");

    r = parseResultObject(R"({"is_error":false,"modelUsage":{"a":{"outputTokens":0},"b":{}}})");
    REQUIRE(r.has_value());
    CHECK(r->model == "a");
    CHECK_FALSE(r->resultText.has_value());

    r = parseResultObject(
        R"({"is_error":false,"result":null,"stop_reason":null,"usage":{"input_tokens":-4,"output_tokens":1.0e3}})");
    REQUIRE(r.has_value());
    CHECK_FALSE(r->resultText.has_value());
    CHECK(r->stopReason.empty());
    CHECK(r->usage.inputTokens == 0);
    CHECK(r->usage.outputTokens == 1000);
    CHECK(r->model.empty());

    CHECK_FALSE(parseResultObject("").has_value());
    CHECK_FALSE(parseResultObject("[1]").has_value());
    CHECK_FALSE(parseResultObject(R"({"type":"result"})").has_value());
    CHECK_FALSE(parseResultObject(R"({"is_error":false} trailing)").has_value());
}
