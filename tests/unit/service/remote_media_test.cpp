#include "service/remote_media.hpp"

#include <Poco/Event.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>

#include "openai/api_error.hpp"

namespace claude_proxy::service {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16) + "pixels";
const std::string kJpeg = std::string("\xff\xd8\xff\xe0\x00\x10JFIF", 10);

// What the tiny image server does, shared with its handlers.
struct ServerState {
    std::atomic<int> hits{0};
    std::map<std::string, std::atomic<int>> hitsByPath;
    Poco::Event release;  // set when the test ends: a stalled answer returns
};

class ImageHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit ImageHandler(ServerState& state) : state_(state) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        ++state_.hits;
        const std::string path = request.getURI();
        if (auto found = state_.hitsByPath.find(path); found != state_.hitsByPath.end()) {
            ++found->second;
        }
        if (path == "/ok.png") {
            response.setContentType("image/png");
            response.sendBuffer(kPng.data(), kPng.size());
        } else if (path == "/chunked.png") {
            response.setContentType("image/png");
            response.setChunkedTransferEncoding(true);
            response.send() << kPng << std::string(5000, 'x');
        } else if (path == "/redirect") {
            response.redirect("/ok.png", Poco::Net::HTTPResponse::HTTP_FOUND);
        } else if (path == "/page") {
            response.setContentType("text/html");
            response.sendBuffer("<html></html>", 13);
        } else if (path == "/mismatch.png") {
            response.setContentType("image/png");
            response.sendBuffer(kJpeg.data(), kJpeg.size());
        } else if (path == "/stall.png") {
            response.setContentType("image/png");
            response.setContentLength(static_cast<std::streamsize>(kPng.size()));
            auto& out = response.send();
            out << kPng.substr(0, 4);
            out.flush();
            state_.release.tryWait(10000);  // bounded: the test ends it long before
        } else {
            response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            response.send();
        }
    }

  private:
    ServerState& state_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(ServerState& state) : state_(state) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new ImageHandler(state_);
    }

  private:
    ServerState& state_;
};

// An HTTP server on 127.0.0.1 and a free port, for the length of one test.
class ImageServer {
  public:
    ImageServer()
        : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)),
          server_(new Factory(state_), socket_, new Poco::Net::HTTPServerParams) {
        state_.hitsByPath["/ok.png"];
        server_.start();
    }
    ~ImageServer() {
        state_.release.set();
        server_.stopAll(true);
    }

    std::string url(const std::string& path, const std::string& host = "127.0.0.1") const {
        return "http://" + host + ":" + std::to_string(socket_.address().port()) + path;
    }
    ServerState& state() { return state_; }

  private:
    ServerState state_;
    Poco::Net::ServerSocket socket_;
    Poco::Net::HTTPServer server_;
};

openai::ChatRequest requestWith(const std::string& url) {
    openai::ChatRequest request;
    openai::ChatMessage message;
    message.role = openai::Role::User;
    message.content = "look";
    openai::MediaPart part;
    part.remoteUrl = url;
    part.param = "messages[0].content[1].image_url.url";
    part.offset = 4;
    message.media.push_back(part);
    request.messages.push_back(message);
    return request;
}

RemoteMediaPolicy allowingLoopback() {
    RemoteMediaPolicy policy;
    policy.enabled = true;
    policy.allowHosts = {"127.0.0.1"};
    policy.timeout = std::chrono::milliseconds(2000);
    return policy;
}

// The 400 that resolving `url` under `policy` gives.
openai::ApiError refusal(const std::string& url, const RemoteMediaPolicy& policy) {
    auto request = requestWith(url);
    try {
        resolveRemoteMedia(request, policy);
    } catch (const openai::ApiError& error) {
        CHECK(error.httpStatus() == 400);
        CHECK(error.param() == std::optional<std::string>("messages[0].content[1].image_url.url"));
        return error;
    }
    FAIL("no error for " << url);
    return openai::ApiError(500, "", "", "");
}

}  // namespace

TEST_CASE("remote media: an allowed loopback server's image is fetched and put in place") {
    ImageServer server;
    auto request = requestWith(server.url("/ok.png"));
    resolveRemoteMedia(request, allowingLoopback());
    const auto& part = request.messages[0].media.at(0);
    CHECK(part.remoteUrl.empty());
    CHECK(part.mediaType == "image/png");
    CHECK(part.offset == 4);
    CHECK(part.param == "messages[0].content[1].image_url.url");
    CHECK(part.base64.rfind("iVBORw0KGgo", 0) == 0);
    CHECK(server.state().hits == 1);
}

TEST_CASE("remote media: off by default, every remote image is refused without a fetch") {
    ImageServer server;
    const auto error = refusal(server.url("/ok.png"), RemoteMediaPolicy{});
    CHECK(error.code() == "image_url_not_supported");
    CHECK(server.state().hits == 0);
}

TEST_CASE("remote media: loopback is refused unless the host is allowed") {
    ImageServer server;
    RemoteMediaPolicy policy = allowingLoopback();
    policy.allowHosts.clear();
    const auto error = refusal(server.url("/ok.png"), policy);
    CHECK(error.code() == "image_url_forbidden");
    CHECK(std::string(error.what()).find("loopback") != std::string::npos);
    CHECK(std::string(error.what()).find(server.url("/ok.png")) != std::string::npos);
    // "localhost" resolves to loopback too: allowing 127.0.0.1 does not allow that name.
    policy.allowHosts = {"127.0.0.1"};
    CHECK(refusal(server.url("/ok.png", "localhost"), policy).code() == "image_url_forbidden");
    CHECK(refusal("http://[::1]:9/x.png", policy).code() == "image_url_forbidden");
    CHECK(refusal("http://169.254.169.254/latest/meta-data", policy).code() ==
          "image_url_forbidden");
    CHECK(refusal("http://[::ffff:10.0.0.1]/x.png", policy).code() == "image_url_forbidden");
    CHECK(server.state().hits == 0);
}

TEST_CASE("remote media: redirects are refused, not followed") {
    ImageServer server;
    const auto error = refusal(server.url("/redirect"), allowingLoopback());
    CHECK(error.code() == "image_fetch_failed");
    CHECK(std::string(error.what()).find("redirect") != std::string::npos);
    CHECK(server.state().hitsByPath["/ok.png"] == 0);
}

TEST_CASE("remote media: too large is refused, with or without a Content-Length") {
    ImageServer server;
    RemoteMediaPolicy policy = allowingLoopback();
    policy.maxBytes = 20;
    CHECK(refusal(server.url("/ok.png"), policy).code() == "image_too_large");
    policy.maxBytes = 1000;
    CHECK(refusal(server.url("/chunked.png"), policy).code() == "image_too_large");
    policy.maxBytes = 10000;
    auto request = requestWith(server.url("/chunked.png"));
    resolveRemoteMedia(request, policy);
    CHECK(request.messages[0].media[0].mediaType == "image/png");
}

TEST_CASE("remote media: a wrong content type or mismatching bytes are refused") {
    ImageServer server;
    const auto page = refusal(server.url("/page"), allowingLoopback());
    CHECK(page.code() == "invalid_image");
    CHECK(std::string(page.what()).find("text/html") != std::string::npos);
    CHECK(refusal(server.url("/mismatch.png"), allowingLoopback()).code() == "invalid_image");
    CHECK(refusal(server.url("/missing.png"), allowingLoopback()).code() == "image_fetch_failed");
}

TEST_CASE("remote media: a server that stalls runs into the timeout") {
    ImageServer server;
    RemoteMediaPolicy policy = allowingLoopback();
    policy.timeout = std::chrono::milliseconds(300);
    const auto start = std::chrono::steady_clock::now();
    const auto error = refusal(server.url("/stall.png"), policy);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(error.code() == "image_fetch_failed");
    CHECK(std::string(error.what()).find("too long") != std::string::npos);
    CHECK(took < std::chrono::milliseconds(3000));
}

TEST_CASE("remote media: https and other schemes are refused with a clear 400") {
    RemoteMediaPolicy policy = allowingLoopback();
    const auto https = refusal("https://127.0.0.1:9/x.png", policy);
    CHECK(https.code() == "image_url_not_supported");
    CHECK(std::string(https.what()).find("https") != std::string::npos);
}

}  // namespace claude_proxy::service
