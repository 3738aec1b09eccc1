#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/process_runner.hpp"
#include "http/endpoints.hpp"
#include "http/response_writer.hpp"

namespace claude_proxy::http {
namespace {

class HealthEndpoint : public Endpoint {
  public:
    explicit HealthEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        const auto cliPath = context_.chat.cliPath();
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
        json.StartObject();
        json.Key("status");
        json.String(cliPath ? "ok" : "cli_missing");
        json.Key("cli");
        json.StartObject();
        json.Key("path");
        cliPath ? json.String(*cliPath) : json.Null();
        json.Key("version");
        context_.cliVersion.empty() ? json.Null() : json.String(context_.cliVersion);
        json.EndObject();
        json.Key("in_flight");
        json.Uint64(context_.limiter.inUse());
        json.Key("queued");
        json.Uint64(context_.limiter.waiting());
        json.Key("cli_processes");
        json.Uint64(cli::runningProcessCount());
        json.Key("max_concurrency");
        json.Uint64(context_.limiter.capacity());
        const auto pool = context_.chat.poolSnapshot();
        json.Key("live_conversations");
        json.Uint64(pool.live);
        json.Key("spare_processes");
        json.Uint64(pool.spares);
        json.Key("idle_process_mb");
        json.Uint64(pool.idleBytes / (1024 * 1024));
        json.Key("stored_sessions");
        json.Uint64(pool.storedSessions);
        json.EndObject();
        sendJson(response, 200, buffer.GetString());
    }

  private:
    const ServerContext& context_;
};

}  // namespace

std::unique_ptr<Endpoint> makeHealthEndpoint(const ServerContext& context) {
    return std::make_unique<HealthEndpoint>(context);
}

}  // namespace claude_proxy::http
