#pragma once

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/configuration.hpp"
#include "cli/concurrency_limiter.hpp"
#include "http/access_control.hpp"
#include "http/server_context.hpp"
#include "http/server_lifecycle.hpp"
#include "metrics/proxy_metrics.hpp"
#include "openai/model_catalog.hpp"
#include "service/chat_service.hpp"
#include "service/login_status.hpp"
#include "toolcall/handler_registry.hpp"

namespace claude_proxy::app {

// Everything the server runs on, built from the configuration on the main thread: the CLI
// found, the model catalog, the loaded plugins, the concurrency limiter, the chat service,
// metrics, access control, and the context the HTTP layer reads. Outlives the HTTP server.
class ServerRuntime {
  public:
    // Throws std::invalid_argument for a configuration that cannot run (e.g. an unknown
    // default model), with one line.
    ServerRuntime(const Configuration& configuration,
                  const std::map<std::string, std::string>& environment);
    ~ServerRuntime();
    ServerRuntime(const ServerRuntime&) = delete;
    ServerRuntime& operator=(const ServerRuntime&) = delete;

    // Serves HTTP until `waitForTermination` returns, then shuts down gracefully: stop
    // accepting, let requests in flight finish for up to shutdown-grace-ms, end the CLI runs
    // still going, wait for the request threads, unload the plugins. Returns an exit code.
    int serve(const std::function<void()>& waitForTermination);

    // `--check`: prints the CLI (path, version, logged in), the plugins, the default handler
    // and the effective configuration; returns true when the server could serve requests.
    bool check(std::ostream& out);

  private:
    void logStartup() const;

    Configuration configuration_;
    std::map<std::string, std::string> environment_;
    std::string containment_;  // how CLI descendants are contained, for the start-up log
    std::optional<std::string> cliPath_;
    std::string cliVersion_;
    openai::ModelCatalog catalog_;
    toolcall::HandlerRegistry handlers_;
    std::vector<toolcall::LoadResult> pluginResults_;
    cli::ConcurrencyLimiter limiter_;
    std::unique_ptr<service::ChatService> chat_;
    metrics::ProxyMetrics metrics_;
    http::ServerLifecycle lifecycle_;
    std::unique_ptr<service::LoginStatus> login_;
    std::unique_ptr<service::ResponseStore> responses_;
    http::AccessControl access_;
    std::unique_ptr<http::ServerContext> context_;
};

}  // namespace claude_proxy::app
