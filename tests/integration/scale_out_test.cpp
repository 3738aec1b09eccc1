// Scale-out (issue 10): two proxy instances behind Debian's nginx with the shipped
// configuration (packaging/nginx): a conversation stays on one instance, so its turns find the
// CLI process that holds its history; a turn that reaches the other instance is still answered.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "support/child_process.hpp"
#include "support/process_census.hpp"
#include "support/scratch_dir.hpp"

using namespace claude_proxy::integration;
using claude_proxy::test_support::get;
using claude_proxy::test_support::parseJson;
using claude_proxy::test_support::postJson;
using claude_proxy::test_support::waitUntil;

namespace {

constexpr auto kBound = std::chrono::seconds(20);
constexpr const char* kNginx = "/usr/sbin/nginx";
constexpr const char* kJsModule = "/usr/lib/nginx/modules/ngx_http_js_module.so";

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// A port nothing listens on right now (the kernel's pick for a socket bound to port 0).
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// nginx with the shipped cluster configuration, its servers and listen port filled in.
class Nginx {
  public:
    Nginx(int first, int second) : port_(freePort()) {
        const std::filesystem::path shipped =
            std::filesystem::path(CLAUDE_PROXY_SOURCE_DIR) / "packaging" / "nginx";
        std::string cluster = readFile(shipped / "claude-proxy-cluster.conf");
        cluster = replaced(cluster, "server 127.0.0.1:8091;",
                           "server 127.0.0.1:" + std::to_string(first) + ";");
        cluster = replaced(cluster, "server 127.0.0.1:8092;",
                           "server 127.0.0.1:" + std::to_string(second) + ";");
        cluster = replaced(cluster, "listen 127.0.0.1:8088;",
                           "listen 127.0.0.1:" + std::to_string(port_) + ";");
        const std::string dir = dir_.path();
        dir_.writeFile("cluster.conf", cluster);
        dir_.writeFile("claude_proxy_route.js", readFile(shipped / "claude_proxy_route.js"));
        dir_.writeFile("nginx.conf", "load_module " + std::string(kJsModule) +
                                         ";\n"
                                         "worker_processes 1;\n"
                                         "error_log " +
                                         dir +
                                         "/error.log info;\n"
                                         "pid " +
                                         dir +
                                         "/nginx.pid;\n"
                                         "events {}\n"
                                         "http {\n"
                                         "  access_log off;\n"
                                         "  js_path \"" +
                                         dir +
                                         "\";\n"
                                         "  client_body_temp_path " +
                                         dir +
                                         "/body;\n"
                                         "  proxy_temp_path " +
                                         dir +
                                         "/proxy;\n"
                                         "  include " +
                                         dir +
                                         "/cluster.conf;\n"
                                         "}\n");
        test_support::ChildSpec spec;
        spec.argv = {kNginx, "-p", dir, "-c", dir + "/nginx.conf", "-g", "daemon off;"};
        spec.environment = {"PATH=/usr/sbin:/usr/bin:/bin"};
        spec.mergeStderr = true;
        process_ = std::make_unique<test_support::ChildProcess>(spec);
        const bool up = waitUntil(
            [&] {
                try {
                    return get(port_, "/health", {}, std::chrono::seconds(2)).status == 200;
                } catch (...) {
                    return false;
                }
            },
            kBound);
        INFO("nginx: " << process_->stdoutText() << readFile(dir + "/error.log"));
        REQUIRE(up);
    }
    ~Nginx() { process_->stop(std::chrono::seconds(5)); }

    int port() const { return port_; }

  private:
    test_support::ScratchDir dir_{"nginx"};
    int port_;
    std::unique_ptr<test_support::ChildProcess> process_;
};

double liveLookups(int port) {
    const std::string text = get(port, "/metrics").body;
    const std::string series = "\nclaude_proxy_session_lookups_total{source=\"live\"} ";
    const auto at = text.find(series);
    return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size()));
}

std::string body(const std::vector<std::pair<std::string, std::string>>& turns) {
    return chatBody(turns);
}

}  // namespace

TEST_CASE("scale-out: behind nginx a conversation stays on one instance and finds its process") {
    test_support::MockAnthropic mock;
    test_support::ProxyOptions options;
    options.extraArgs = {"--live-conversations=16", "--spare-processes=0"};
    test_support::ProxyProcess first(mock, options);
    test_support::ProxyProcess second(mock, options);
    Nginx nginx(first.port(), second.port());

    // Several conversations, so that both instances get some (the keys are fixed by the
    // texts): with a routing key that did not depend on the conversation, all would share one.
    constexpr int kConversations = 8;
    std::vector<Turns> conversations;
    for (int c = 0; c < kConversations; ++c) {
        Turns turns = {{"user", "Routing test " + std::to_string(c) + " " + replyMarker("one")}};
        const auto turn1 = postJson(nginx.port(), "/v1/chat/completions", body(turns));
        REQUIRE(turn1.status == 200);
        const auto key = turn1.header("x-conversation-id");
        REQUIRE(key);
        CHECK(key->size() == 64);
        turns.push_back({"assistant", "one"});
        turns.push_back({"user", "second turn " + replyMarker("two")});
        // Turn 2 names the key, as a client that echoes the header does.
        const auto turn2 = postJson(nginx.port(), "/v1/chat/completions", body(turns),
                                    {{"X-Conversation-Id", *key}});
        REQUIRE(turn2.status == 200);
        CHECK(replyText(turn2) == "two");
        CHECK(turn2.header("x-conversation-id") == key);
        turns.push_back({"assistant", "two"});
        turns.push_back({"user", "third turn " + replyMarker("three")});
        // Turn 3 does not: nginx computes the same key from the first message.
        const auto turn3 = postJson(nginx.port(), "/v1/chat/completions", body(turns));
        REQUIRE(turn3.status == 200);
        CHECK(replyText(turn3) == "three");
        conversations.push_back(turns);
    }
    // Every later turn went to the instance that held its conversation and found it live
    // (turn 1 went by the body's key, turn 2 by the header, turn 3 by the body again: the two
    // keys agree), and the conversations are spread over both instances.
    const double a = liveLookups(first.port());
    const double b = liveLookups(second.port());
    CHECK(a + b == 2 * kConversations);
    CHECK(a > 0);
    CHECK(b > 0);

    // A conversation at the instance that does not hold it: no live process, still answered.
    auto turns = conversations.front();
    turns.push_back({"assistant", "three"});
    turns.push_back({"user", "fourth turn " + replyMarker("four")});
    auto elsewhere = postJson(first.port(), "/v1/chat/completions", body(turns));
    REQUIRE(elsewhere.status == 200);
    CHECK(replyText(elsewhere) == "four");
    elsewhere = postJson(second.port(), "/v1/chat/completions", body(turns));
    REQUIRE(elsewhere.status == 200);
    CHECK(replyText(elsewhere) == "four");
    // Exactly one of the two held it live.
    CHECK(liveLookups(first.port()) + liveLookups(second.port()) == a + b + 1);
}
