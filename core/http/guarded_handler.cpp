#include "http/guarded_handler.hpp"

#include <chrono>

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <spdlog/spdlog.h>

#include "http/request_id.hpp"
#include "http/response_writer.hpp"
#include "http/server/proxy_request.hpp"
#include "openai/api_error.hpp"
#include "service/chat_service.hpp"

namespace claude_proxy::http {
namespace {

// nginx's convention for "client closed the request", used only in our log.
constexpr int kClientClosedStatus = 499;

// Requests turned away before any CLI ran, by metrics reason.
std::string rejectionReason(const openai::ApiError& error) {
    const auto& code = error.code();
    if (code == "invalid_api_key") {
        return "unauthorized";
    }
    if (code == "concurrency_limit_reached") {
        return "concurrency_limit";
    }
    if (code == "request_too_large" && error.type() == "invalid_request_error") {
        return "body_too_large";
    }
    if (code == "server_shutting_down") {
        return "shutting_down";
    }
    return {};
}

}  // namespace

GuardedHandler::GuardedHandler(std::unique_ptr<Endpoint> endpoint, const ServerContext& context)
    : endpoint_(std::move(endpoint)), context_(context) {}

void GuardedHandler::answer(Poco::Net::HTTPServerRequest& request,
                            Poco::Net::HTTPServerResponse& response, const openai::ApiError& error,
                            AccessRecord& record) {
    record.status = error.httpStatus();
    record.rejectedFor = rejectionReason(error);
    if (response.sent()) {
        spdlog::warn("request_id={} error after the response started: {}", record.requestId,
                     error.what());
        return;
    }
    if (server::hasUnreadBody(request)) {
        // The body is partly unread: this connection cannot carry another request.
        response.setKeepAlive(false);
    }
    // Counted and logged before the client has the answer, so that whoever reads /metrics or
    // the log after it sees this request too.
    finish(request, record);
    sendError(response, error);
}

void GuardedHandler::finish(const Poco::Net::HTTPServerRequest& request, AccessRecord& record) {
    if (finished_) {
        return;
    }
    finished_ = true;
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - record.started);
    recordMetrics(record, request.getURI(), static_cast<double>(elapsed.count()) / 1000.0);
    spdlog::info(
        "access request_id={} method={} path={} model={} status={} duration_ms={} "
        "prompt_tokens={} completion_tokens={} cli_exit={}",
        record.requestId, request.getMethod(), request.getURI(),
        record.model.empty() ? "-" : record.model, record.status, elapsed.count(),
        record.promptTokens, record.completionTokens,
        record.cliExitCode ? std::to_string(*record.cliExitCode) : std::string("-"));
}

void GuardedHandler::recordMetrics(const AccessRecord& record, const std::string& uri,
                                   double seconds) const {
    auto& metrics = context_.metrics;
    metrics.requestFinished(metrics::routeLabel(uri), context_.catalog.metricLabel(record.model),
                            record.status, seconds);
    if (!record.rejectedFor.empty()) {
        metrics.rejected(record.rejectedFor);
    }
    if (record.promptTokens > 0 || record.completionTokens > 0) {
        metrics.tokens(record.promptTokens, record.completionTokens);
    }
    if (record.firstTokenSeconds) {
        metrics.firstToken(*record.firstTokenSeconds);
    }
    for (int i = 0; i < record.refusalRetries; ++i) {
        metrics.refusalRetry();
    }
}

void GuardedHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response) {
    const ServerLifecycle::ActiveRequest active(context_.lifecycle);
    AccessRecord record;
    record.requestId = makeRequestId();
    try {
        response.set("X-Request-Id", record.requestId);
        endpoint_->handle(request, response, record);
        if (record.status == 0) {
            record.status = static_cast<int>(response.getStatus());
        }
    } catch (const openai::ApiError& error) {
        answer(request, response, error, record);
    } catch (const service::ClientGone&) {
        record.status = kClientClosedStatus;
        record.clientGone = true;
    } catch (const Poco::Net::MessageException& error) {
        answer(request, response,
               openai::ApiError::invalidRequest(
                   "The HTTP request could not be read: " + error.displayText(), std::nullopt,
                   "malformed_http"),
               record);
    } catch (const Poco::TimeoutException&) {
        answer(request, response,
               openai::ApiError(408, "invalid_request_error", "request_timeout",
                                "The request body did not arrive in time."),
               record);
    } catch (const Poco::Exception& error) {
        spdlog::error("request_id={} unexpected error: {}", record.requestId, error.displayText());
        answer(request, response,
               openai::ApiError(500, "server_error", "internal_error",
                                "The proxy failed while handling this request; see its log (" +
                                    record.requestId + ")."),
               record);
    } catch (const std::exception& error) {
        spdlog::error("request_id={} unexpected error: {}", record.requestId, error.what());
        answer(request, response,
               openai::ApiError(500, "server_error", "internal_error",
                                "The proxy failed while handling this request; see its log (" +
                                    record.requestId + ")."),
               record);
    } catch (...) {
        spdlog::error("request_id={} unexpected non-standard exception", record.requestId);
        answer(request, response,
               openai::ApiError(500, "server_error", "internal_error",
                                "The proxy failed while handling this request."),
               record);
    }
    finish(request, record);
}

}  // namespace claude_proxy::http
