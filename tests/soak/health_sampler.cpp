#include "health_sampler.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <exception>

#include "support/http_client.hpp"

namespace claude_proxy::soak {
namespace {

using Clock = std::chrono::steady_clock;

const std::string kProbe = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

long memberOr(const rapidjson::Document& document, const char* name) {
    return document.HasMember(name) && document[name].IsInt64()
               ? static_cast<long>(document[name].GetInt64())
               : 0;
}

// What is left of `budget` since `start` (never negative).
std::chrono::milliseconds left(Clock::time_point start, std::chrono::milliseconds budget) {
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return std::max(std::chrono::milliseconds(0), budget - spent);
}

}  // namespace

HealthSampler::HealthSampler(int port, std::chrono::milliseconds interval,
                             std::chrono::milliseconds probeTimeout)
    : port_(port), interval_(interval), probeTimeout_(probeTimeout) {
    thread_ = std::thread([this] { run(); });
}

HealthSampler::~HealthSampler() {
    stop();
}

HealthReport HealthSampler::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    std::lock_guard lock(mutex_);
    return report_;
}

void HealthSampler::run() {
    auto next = Clock::now();
    while (true) {
        probeOnce();
        next = std::max(next + interval_, Clock::now());  // no burst after a slow probe
        std::unique_lock lock(mutex_);
        if (wake_.wait_until(lock, next, [this] { return stopping_; })) {
            return;
        }
    }
}

void HealthSampler::probeOnce() {
    const auto start = Clock::now();
    std::string failure;
    rapidjson::Document document;
    try {
        test_support::RawConnection connection(port_, probeTimeout_);
        connection.send(kProbe);
        connection.readToEnd(left(start, probeTimeout_));
        const auto response = test_support::parseHttpResponse(connection.received(), true);
        if (!response) {
            failure = connection.peerClosed() ? "an incomplete answer" : "no answer in time";
        } else if (response->status != 200) {
            failure = "status " + std::to_string(response->status);
        } else {
            document.Parse(response->body.c_str(), response->body.size());
            if (document.HasParseError() || !document.IsObject() || !document.HasMember("status") ||
                !document["status"].IsString() ||
                std::string(document["status"].GetString()) != "ok") {
                failure = "not {\"status\":\"ok\"}: " + response->body.substr(0, 200);
            }
        }
    } catch (const std::exception& error) {
        failure = error.what();
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();

    std::lock_guard lock(mutex_);
    report_.latenciesMs.push_back(ms);
    if (!failure.empty()) {
        if (report_.failures++ == 0) {
            report_.firstFailure = failure;
        }
        return;
    }
    report_.mostInFlight = std::max(report_.mostInFlight, memberOr(document, "in_flight"));
    report_.mostQueued = std::max(report_.mostQueued, memberOr(document, "queued"));
    report_.mostCliProcesses =
        std::max(report_.mostCliProcesses, memberOr(document, "cli_processes"));
}

}  // namespace claude_proxy::soak
