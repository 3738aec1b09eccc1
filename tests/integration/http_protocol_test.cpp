// HTTP-level behaviour: routes, methods, body limits, chunked bodies, malformed input.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "support/test_environment.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::RawConnection;
using claude_proxy::test_support::request;
using claude_proxy::test_support::stringAt;

namespace {

// Checks the OpenAI error shape and returns the parsed body.
rapidjson::Document expectError(const HttpResponse& response, int status, const std::string& code) {
    INFO("body: " << response.body);
    CHECK(response.status == status);
    auto body = parseJson(response.body);
    REQUIRE(body.IsObject());
    REQUIRE(body.HasMember("error"));
    const auto& error = body["error"];
    CHECK(error["message"].IsString());
    CHECK(error["type"].IsString());
    CHECK(error.HasMember("param"));
    CHECK(error.HasMember("code"));
    CHECK(stringAt(body, "/error/code") == code);
    return body;
}

}  // namespace

TEST_CASE("GET /health reports the CLI and its version") {
    Harness h;
    const auto response = get(h.proxy.port(), "/health");
    REQUIRE(response.status == 200);
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/status") == "ok");
    CHECK(stringAt(body, "/cli/version").find(test_support::pinnedCliVersion()) == 0);
    CHECK(stringAt(body, "/cli/path").find("claude") != std::string::npos);
    CHECK(body["in_flight"].GetInt() == 0);
}

TEST_CASE("GET /v1/models lists the aliases and configured ids, /v1/models/{id} finds one") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--extra-models=claude-opus-4-6", "--model-aliases=gpt-4o=sonnet"};
    Harness h(options);
    const auto list = parseJson(get(h.proxy.port(), "/v1/models").body);
    CHECK(stringAt(list, "/object") == "list");
    std::vector<std::string> ids;
    for (const auto& model : list["data"].GetArray()) {
        CHECK(std::string(model["object"].GetString()) == "model");
        ids.emplace_back(model["id"].GetString());
    }
    for (const std::string id : {"sonnet", "opus", "haiku", "claude-opus-4-6", "gpt-4o"}) {
        CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
    }
    const auto one = get(h.proxy.port(), "/v1/models/opus");
    CHECK(one.status == 200);
    CHECK(stringAt(parseJson(one.body), "/id") == "opus");
    expectError(get(h.proxy.port(), "/v1/models/gpt-5"), 404, "model_not_found");
}

TEST_CASE("routes answer with and without the /v1 prefix") {
    Harness h;
    CHECK(get(h.proxy.port(), "/models").status == 200);
    const auto response =
        test_support::postJson(h.proxy.port(), "/chat/completions", userBody("hi"));
    CHECK(replyText(response) == "Hello from mock");
}

TEST_CASE("unknown routes are 404 and wrong methods 405, in OpenAI's shape") {
    Harness h;
    expectError(get(h.proxy.port(), "/v1/completions"), 404, "unknown_route");
    const auto wrongMethod = get(h.proxy.port(), "/v1/chat/completions");
    expectError(wrongMethod, 405, "method_not_allowed");
    CHECK(wrongMethod.header("allow") == "POST");
    expectError(request(h.proxy.port(), "DELETE", "/v1/models"), 405, "method_not_allowed");
}

TEST_CASE("malformed bodies are 400 and never reach the CLI") {
    Harness h;
    expectError(h.chat("{not json"), 400, "invalid_json");
    expectError(h.chat("[1,2,3]"), 400, "invalid_request_body");
    expectError(h.chat(""), 400, "invalid_json");
    expectError(h.chat(R"({"model":"sonnet"})"), 400, "missing_required_parameter");
    const auto wrongType = expectError(h.chat(R"({"messages":"hello"})"), 400, "invalid_type");
    CHECK(stringAt(wrongType, "/error/param") == "messages");
    expectError(h.chat(R"({"messages":[{"role":"wizard","content":"x"}]})"), 400, "invalid_value");
    expectError(h.chat(R"({"messages":[{"role":"user","content":"x"}],"stream":"yes"})"), 400,
                "invalid_type");
    expectError(h.chat("{\"messages\":[{\"role\":\"user\",\"content\":\"\xff\xfe\"}]}"), 400,
                "invalid_json");
    CHECK(h.mock.requests().empty());
}

TEST_CASE("a body over the limit is 413, declared or chunked") {
    test_support::ProxyOptions options;
    options.extraArgs = {"--max-body-bytes=4096"};
    Harness h(options);
    expectError(h.chat(userBody(std::string(5000, 'x'))), 413, "request_too_large");

    RawConnection raw(h.proxy.port());
    raw.send(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    raw.send(test_support::chunkedBody({std::string(3000, ' '), std::string(3000, ' ')}));
    raw.readToEnd(std::chrono::seconds(10));
    const auto response = test_support::parseHttpResponse(raw.received(), true);
    REQUIRE(response);
    expectError(*response, 413, "request_too_large");
    CHECK(h.mock.requests().empty());
}

TEST_CASE("a chunked request body is read correctly") {
    Harness h;
    const auto body = userBody("chunked " + replyMarker("chunks arrived"));
    const auto half = body.size() / 2;
    RawConnection raw(h.proxy.port());
    raw.send(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    raw.send(test_support::chunkedBody({body.substr(0, half), body.substr(half)}));
    raw.readToEnd(std::chrono::seconds(60));
    const auto response = test_support::parseHttpResponse(raw.received(), true);
    REQUIRE(response);
    CHECK(replyText(*response) == "chunks arrived");
}

TEST_CASE("every response carries a request id that the access log names") {
    Harness h;
    const auto response = h.chat(userBody("a private-prompt-marker"));
    const auto id = response.header("x-request-id");
    REQUIRE(id);
    CHECK(h.proxy.waitForOutput("access request_id=" + *id));
    CHECK(h.proxy.waitForOutput("status=200"));
    // Prompts are not logged by default.
    CHECK(h.proxy.output().find("private-prompt-marker") == std::string::npos);
}
