#pragma once

#include <memory>
#include <string>

#include "http/endpoint.hpp"
#include "http/server_context.hpp"
#include "openai/api_error.hpp"

namespace claude_proxy::http {

// GET /health: liveness plus the CLI found at start-up and the number of runs in flight.
std::unique_ptr<Endpoint> makeHealthEndpoint(const ServerContext& context);

// GET /ready: 200 when the server can take work (CLI found, logged in by a cached probe, not
// draining, queue not saturated), else 503 with the reason.
std::unique_ptr<Endpoint> makeReadyEndpoint(const ServerContext& context);

// GET /metrics: the Prometheus text exposition.
std::unique_ptr<Endpoint> makeMetricsEndpoint(const ServerContext& context);

// GET /v1/models
std::unique_ptr<Endpoint> makeModelListEndpoint(const ServerContext& context);

// GET /v1/models/{id}
std::unique_ptr<Endpoint> makeModelEndpoint(const ServerContext& context, std::string modelId);

// GET /v1/toolcall-modules: the loaded tool-call handler plugins with their versions.
std::unique_ptr<Endpoint> makeToolCallModulesEndpoint(const ServerContext& context);

// POST /v1/chat/completions
std::unique_ptr<Endpoint> makeChatCompletionsEndpoint(const ServerContext& context);

// POST /v1/responses
std::unique_ptr<Endpoint> makeResponsesEndpoint(const ServerContext& context);

// GET /v1/responses/{id} (`erase` false) and DELETE /v1/responses/{id} (`erase` true).
std::unique_ptr<Endpoint> makeStoredResponseEndpoint(const ServerContext& context, std::string id,
                                                     bool erase);

// Answers with a fixed error (unknown route, wrong method), plus an Allow header when given.
std::unique_ptr<Endpoint> makeErrorEndpoint(openai::ApiError error, std::string allow = "");

}  // namespace claude_proxy::http
