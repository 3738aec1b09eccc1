#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "cli/concurrency_limiter.hpp"
#include "http/access_control.hpp"
#include "http/server_lifecycle.hpp"
#include "metrics/proxy_metrics.hpp"
#include "openai/model_catalog.hpp"
#include "service/chat_service.hpp"
#include "service/login_status.hpp"
#include "service/response_store.hpp"
#include "toolcall/handler_registry.hpp"

namespace claude_proxy::http {

// What every endpoint may use. Built once at start-up and outlives the HTTP server; every
// member is safe to use from many request threads at once (metrics, lifecycle, login status
// and the response store are the only ones that change).
struct ServerContext {
    const openai::ModelCatalog& catalog;
    const service::ChatService& chat;
    const cli::ConcurrencyLimiter& limiter;
    const toolcall::HandlerRegistry& handlers;
    std::string defaultToolCallModule;
    std::string cliVersion;  // from `claude --version` at start-up; empty if it failed
    std::size_t maxBodyBytes;
    bool logPrompts;
    long long startedAt;          // Unix time, used as `created` of the model list
    const AccessControl& access;  // API keys and CORS
    metrics::ProxyMetrics& metrics;
    ServerLifecycle& lifecycle;
    service::LoginStatus& login;
    std::function<std::uint64_t()> droppedLogLines;  // lines the log queue had to drop
    service::ResponseStore& responses;               // kept Responses API answers
};

}  // namespace claude_proxy::http
