#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/process_runner.hpp"
#include "http/endpoints.hpp"
#include "http/response_writer.hpp"

namespace claude_proxy::http {
namespace {

enum class Login { Unknown, Yes, No };

Login loginOf(const std::optional<bool>& probed) {
    if (!probed.has_value()) {
        return Login::Unknown;
    }
    return probed.value() ? Login::Yes : Login::No;
}

// The first reason the server should not get new work, or "" when it should.
std::string notReadyReason(const ServerContext& context, bool cliFound, Login loggedIn) {
    if (context.lifecycle.draining()) {
        return "draining: the server is shutting down";
    }
    if (!cliFound) {
        return "the claude CLI was not found";
    }
    if (loggedIn == Login::Unknown) {
        return "could not tell whether the claude CLI is logged in (claude auth status)";
    }
    if (loggedIn == Login::No) {
        return "the claude CLI is not logged in: run `claude` as this user and log in";
    }
    // Not ready once a new request would be turned away at once: the queue is full.
    const auto capacity = context.limiter.capacity();
    const auto queueCapacity = context.limiter.queueCapacity();
    const bool full = queueCapacity > 0 ? context.limiter.waiting() >= queueCapacity
                                        : context.limiter.inUse() >= capacity;
    if (capacity > 0 && full) {
        return "the queue is full: " + std::to_string(context.limiter.waiting()) +
               " requests wait for " + std::to_string(capacity) + " CLI slots";
    }
    return {};
}

class ReadyEndpoint : public Endpoint {
  public:
    explicit ReadyEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        const bool cliFound = context_.chat.cliPath().has_value();
        const Login loggedIn = cliFound ? loginOf(context_.login.loggedIn()) : Login::Unknown;
        const auto reason = notReadyReason(context_, cliFound, loggedIn);

        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
        json.StartObject();
        json.Key("status");
        json.String(reason.empty() ? "ready" : "not_ready");
        if (!reason.empty()) {
            json.Key("reason");
            json.String(reason);
        }
        json.Key("checks");
        json.StartObject();
        json.Key("cli_found");
        json.Bool(cliFound);
        json.Key("logged_in");
        if (loggedIn == Login::Unknown) {
            json.Null();
        } else {
            json.Bool(loggedIn == Login::Yes);
        }
        json.Key("draining");
        json.Bool(context_.lifecycle.draining());
        json.Key("queued");
        json.Uint64(context_.limiter.waiting());
        json.Key("max_concurrency");
        json.Uint64(context_.limiter.capacity());
        json.EndObject();
        json.EndObject();
        sendJson(response, reason.empty() ? 200 : 503, buffer.GetString());
    }

  private:
    const ServerContext& context_;
};

class MetricsEndpoint : public Endpoint {
  public:
    explicit MetricsEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        metrics::ProxyMetrics::Gauges gauges;
        gauges.cliProcesses = cli::runningProcessCount();
        gauges.queueDepth = context_.limiter.waiting();
        gauges.inFlight = context_.limiter.inUse();
        gauges.draining = context_.lifecycle.draining();
        gauges.droppedLogLines = context_.droppedLogLines ? context_.droppedLogLines() : 0;
        const auto pool = context_.chat.poolSnapshot();
        gauges.liveProcesses = pool.live;
        gauges.storedSessions = pool.storedSessions;
        gauges.storedBytes = pool.storedBytes;
        gauges.spareProcesses = pool.spares;
        gauges.idleProcessBytes = pool.idleBytes;
        const std::string body = context_.metrics.render(gauges);
        response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setContentLength64(static_cast<Poco::Int64>(body.size()));
        response.sendBuffer(body.data(), body.size());
    }

  private:
    const ServerContext& context_;
};

}  // namespace

std::unique_ptr<Endpoint> makeReadyEndpoint(const ServerContext& context) {
    return std::make_unique<ReadyEndpoint>(context);
}

std::unique_ptr<Endpoint> makeMetricsEndpoint(const ServerContext& context) {
    return std::make_unique<MetricsEndpoint>(context);
}

}  // namespace claude_proxy::http
