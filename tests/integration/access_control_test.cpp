// API keys, the refusal to listen beyond loopback without them, and CORS.
#include <doctest/doctest.h>

#include <regex>

#include "harness.hpp"
#include "support/child_process.hpp"
#include "support/env_list.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_environment.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::ChildProcess;
using claude_proxy::test_support::ChildSpec;
using claude_proxy::test_support::get;
using claude_proxy::test_support::isNullAt;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::request;
using claude_proxy::test_support::runToCompletion;
using claude_proxy::test_support::ScratchDir;
using claude_proxy::test_support::stringAt;

namespace {

constexpr auto kBound = std::chrono::seconds(20);
const std::string kKey = "sk-test-7f3c9a1e5b2d";
const std::string kOtherKey = "sk-test-other-key";
const std::string kOrigin = "https://app.example";

test_support::ProxyOptions withArgs(std::vector<std::string> args) {
    test_support::ProxyOptions options;
    options.extraArgs = std::move(args);
    return options;
}

std::string keysArg() {
    return "--api-keys=" + kKey + "," + kOtherKey;
}

// Checks a 401 in OpenAI's shape and returns its message.
std::string expectUnauthorized(const HttpResponse& response) {
    INFO("body: " << response.body);
    CHECK(response.status == 401);
    CHECK(response.header("www-authenticate") == "Bearer");
    const auto body = parseJson(response.body);
    CHECK(stringAt(body, "/error/type") == "authentication_error");
    CHECK(stringAt(body, "/error/code") == "invalid_api_key");
    CHECK(isNullAt(body, "/error/param"));
    return stringAt(body, "/error/message");
}

// A proxy started directly (not through ProxyProcess, which always listens on 127.0.0.1), with
// a CLI path that does not exist: these tests are about start-up only.
ChildSpec directProxy(const ScratchDir& home, std::vector<std::string> args) {
    ChildSpec spec;
    spec.argv = {test_support::proxyBinaryPath()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.environment = test_support::buildEnvironment({
        {"PATH", test_support::getEnv("PATH", "/usr/bin:/bin")},
        {"HOME", home.path()},
        {"CLAUDE_PROXY_CLAUDE_BIN", home.path() + "/no-such-claude"},
    });
    spec.workingDirectory = home.path();
    return spec;
}

}  // namespace

TEST_CASE("with API keys, a request without a key is 401 and never reaches the CLI") {
    Harness h(withArgs({keysArg()}));
    const auto message = expectUnauthorized(h.chat(userBody("hi")));
    CHECK(message.find("didn't provide an API key") != std::string::npos);
    expectUnauthorized(get(h.proxy.port(), "/v1/models"));
    expectUnauthorized(get(h.proxy.port(), "/v1/no-such-route"));
    CHECK(h.mock.requests().empty());
    CHECK(h.proxy.waitForOutput("status=401"));
}

TEST_CASE("a wrong key is 401, a configured key gets its answer, /health needs none") {
    Harness h(withArgs({keysArg()}));
    const auto wrong = h.chat(userBody("hi"), {{"Authorization", "Bearer sk-test-wrong"}});
    CHECK(expectUnauthorized(wrong).find("Incorrect API key provided") != std::string::npos);
    expectUnauthorized(h.chat(userBody("hi"), {{"Authorization", kKey}}));  // no scheme
    CHECK(h.mock.requests().empty());

    CHECK(replyText(h.chat(userBody("hi"), {{"Authorization", "Bearer " + kKey}})) ==
          "Hello from mock");
    CHECK(replyText(h.chat(userBody("hi"), {{"Authorization", "Bearer " + kOtherKey}})) ==
          "Hello from mock");
    CHECK(get(h.proxy.port(), "/health").status == 200);
    CHECK(h.mock.requests().size() == 2);
    // The keys are never written to the log.
    CHECK(h.proxy.output().find(kKey) == std::string::npos);
    CHECK(h.proxy.output().find("sk-test-wrong") == std::string::npos);
}

TEST_CASE("x-api-key is accepted like a Bearer token") {
    Harness h(withArgs({keysArg()}));
    CHECK(replyText(h.chat(userBody("hi"), {{"x-api-key", kKey}})) == "Hello from mock");
    expectUnauthorized(h.chat(userBody("hi"), {{"x-api-key", "sk-nope"}}));
    CHECK(h.mock.requests().size() == 1);
}

TEST_CASE("keys can come from a key file") {
    ScratchDir dir;
    const auto file = dir.writeFile("keys", "# deploy keys\n\nsk-from-file-1\n  sk-from-file-2\n");
    Harness h(withArgs({"--api-key-file=" + file}));
    CHECK(get(h.proxy.port(), "/v1/models", {{"Authorization", "Bearer sk-from-file-2"}}).status ==
          200);
    expectUnauthorized(get(h.proxy.port(), "/v1/models"));
    expectUnauthorized(get(h.proxy.port(), "/v1/models", {{"Authorization", "Bearer # deploy"}}));
}

TEST_CASE("an unreadable key file stops start-up with exit code 64") {
    ScratchDir home;
    const auto result = runToCompletion(
        directProxy(home, {"--port=0", "--api-key-file=" + home.path() + "/missing-keys"}), kBound);
    INFO("output: " << result.stdoutText << result.stderrText);
    REQUIRE(result.status);
    CHECK(result.status->exitedWith(64));
    CHECK(result.stderrText.find("cannot read API key file " + home.path() + "/missing-keys") !=
          std::string::npos);
}

TEST_CASE("listening beyond loopback without API keys is refused with exit code 64") {
    ScratchDir home;
    const auto result = runToCompletion(directProxy(home, {"--host=0.0.0.0", "--port=0"}), kBound);
    INFO("output: " << result.stdoutText << result.stderrText);
    REQUIRE(result.status);
    CHECK(result.status->exitedWith(64));
    CHECK(result.stderrText.find("refusing to listen on 0.0.0.0 without API keys") !=
          std::string::npos);
    CHECK(result.stderrText.find("--allow-unauthenticated") != std::string::npos);
    CHECK(result.stdoutText.find("listening") == std::string::npos);
}

TEST_CASE("--allow-unauthenticated starts beyond loopback with a warning") {
    ScratchDir home;
    auto spec = directProxy(home, {"--host=0.0.0.0", "--port=0", "--allow-unauthenticated"});
    spec.mergeStderr = true;
    ChildProcess proxy(std::move(spec));
    const auto port =
        proxy.waitForMatch(std::regex(R"(listening on http://0\.0\.0\.0:(\d+))"), kBound);
    INFO("output: " << proxy.stdoutText());
    REQUIRE(port);
    CHECK(proxy.stdoutText().find("WARNING: listening on 0.0.0.0 WITHOUT API KEYS") !=
          std::string::npos);
    CHECK(get(std::stoi(*port), "/v1/models").status == 200);
}

TEST_CASE("beyond loopback with API keys the server starts quietly and asks for a key") {
    ScratchDir home;
    auto spec = directProxy(home, {"--host=0.0.0.0", "--port=0", keysArg()});
    spec.mergeStderr = true;
    ChildProcess proxy(std::move(spec));
    const auto port =
        proxy.waitForMatch(std::regex(R"(listening on http://0\.0\.0\.0:(\d+))"), kBound);
    INFO("output: " << proxy.stdoutText());
    REQUIRE(port);
    CHECK(proxy.stdoutText().find("WARNING") == std::string::npos);
    expectUnauthorized(get(std::stoi(*port), "/v1/models"));
    CHECK(get(std::stoi(*port), "/health").status == 200);
}

TEST_CASE("a CORS preflight from an allowed origin is answered without a key") {
    Harness h(withArgs({keysArg(), "--cors-origins=" + kOrigin + ",http://localhost:3000"}));
    const auto preflight = request(
        h.proxy.port(), "OPTIONS", "/v1/chat/completions", "",
        {{"Origin", kOrigin},
         {"Access-Control-Request-Method", "POST"},
         {"Access-Control-Request-Headers", "authorization, content-type, x-stainless-lang"}});
    INFO("body: " << preflight.body);
    CHECK(preflight.status == 204);
    CHECK(preflight.header("access-control-allow-origin") == kOrigin);
    CHECK(preflight.header("access-control-allow-methods") == "POST");
    CHECK(preflight.header("access-control-allow-headers") ==
          "authorization, content-type, x-stainless-lang");
    CHECK(preflight.header("access-control-max-age"));
    CHECK(preflight.body.empty());
    CHECK(h.mock.requests().empty());
}

TEST_CASE("CORS headers go on answers to an allowed origin, errors included, and nowhere else") {
    Harness h(withArgs({keysArg(), "--cors-origins=" + kOrigin}));
    const auto answer = h.chat(userBody("hi"), {{"Origin", kOrigin}, {"x-api-key", kKey}});
    CHECK(answer.status == 200);
    CHECK(answer.header("access-control-allow-origin") == kOrigin);
    CHECK(answer.header("vary") == "Origin");
    const auto exposed = answer.header("access-control-expose-headers").value_or("");
    CHECK(exposed.find("X-Request-Id") != std::string::npos);
    CHECK(exposed.find("Retry-After") != std::string::npos);

    // A browser must be able to read the 401 too.
    const auto refused = get(h.proxy.port(), "/v1/models", {{"Origin", kOrigin}});
    CHECK(refused.status == 401);
    CHECK(refused.header("access-control-allow-origin") == kOrigin);

    // Another origin: the request is served (the key is right) but the browser gets no grant.
    const auto other = get(h.proxy.port(), "/v1/models",
                           {{"Origin", "https://evil.example"}, {"x-api-key", kKey}});
    CHECK(other.status == 200);
    CHECK_FALSE(other.header("access-control-allow-origin"));
    const auto otherPreflight =
        request(h.proxy.port(), "OPTIONS", "/v1/models", "",
                {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
    CHECK(otherPreflight.status == 403);
    CHECK(stringAt(parseJson(otherPreflight.body), "/error/code") == "origin_not_allowed");
    CHECK_FALSE(otherPreflight.header("access-control-allow-origin"));
}

TEST_CASE("cors-origins=* grants any origin with *") {
    Harness h(withArgs({"--cors-origins=*"}));
    const auto answer = get(h.proxy.port(), "/v1/models", {{"Origin", "https://any.example"}});
    CHECK(answer.status == 200);
    CHECK(answer.header("access-control-allow-origin") == "*");
    const auto preflight =
        request(h.proxy.port(), "OPTIONS", "/v1/models", "",
                {{"Origin", "https://any.example"}, {"Access-Control-Request-Method", "GET"}});
    CHECK(preflight.status == 204);
    CHECK(preflight.header("access-control-allow-origin") == "*");
}

TEST_CASE("without cors-origins there is no CORS: no headers, no preflight answer") {
    // With API keys a page cannot use the proxy anyway: its requests are simply not CORS ones.
    test_support::ProxyOptions options;
    options.extraArgs = {"--api-keys=sk-test-1"};
    Harness h(options);
    const test_support::HeaderList key = {{"Authorization", "Bearer sk-test-1"},
                                          {"Origin", kOrigin}};
    const auto answer = get(h.proxy.port(), "/v1/models", key);
    CHECK(answer.status == 200);
    CHECK_FALSE(answer.header("access-control-allow-origin"));
    const auto preflight =
        request(h.proxy.port(), "OPTIONS", "/v1/chat/completions", "",
                {{"Origin", kOrigin}, {"Access-Control-Request-Method", "POST"}});
    CHECK(preflight.status == 401);
    CHECK_FALSE(preflight.header("access-control-allow-origin"));
}
