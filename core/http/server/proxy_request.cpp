#include "http/server/proxy_request.hpp"

#include <array>
#include <sstream>

#include "openai/api_error.hpp"

namespace claude_proxy::http::server {
namespace {

constexpr std::size_t kStreamChunk = 64 * 1024;

openai::ApiError tooLarge(std::size_t maxBytes) {
    return openai::ApiError(
        413, "invalid_request_error", "request_too_large",
        "The request body is larger than the limit of " + std::to_string(maxBytes) + " bytes.");
}

}  // namespace

ProxyServerRequest::ProxyServerRequest(Connection& connection,
                                       Poco::Net::HTTPServerResponse& response,
                                       const Poco::Net::HTTPServerParams& params)
    : connection_(connection), response_(response), params_(params) {}

ProxyServerRequest::~ProxyServerRequest() = default;

void ProxyServerRequest::readHead(std::string_view head) {
    std::istringstream input{std::string(head)};
    read(input);
}

void ProxyServerRequest::attachBody(RequestBody& body) {
    body_ = &body;
}

std::istream& ProxyServerRequest::stream() {
    return stream_;
}

ProxyServerRequest::BodyBuffer::int_type ProxyServerRequest::BodyBuffer::underflow() {
    if (gptr() < egptr()) {
        return traits_type::to_int_type(*gptr());
    }
    if (body_ == nullptr) {
        return traits_type::eof();
    }
    chunk_.clear();
    body_->readSome(kStreamChunk, chunk_);
    if (chunk_.empty()) {
        return traits_type::eof();
    }
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
    return traits_type::to_int_type(*gptr());
}

std::string readRequestBody(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes) {
    auto* ours = dynamic_cast<ProxyServerRequest*>(&request);
    if (ours == nullptr) {
        std::string body;
        std::array<char, kStreamChunk> buffer{};
        auto& stream = request.stream();
        while (stream) {
            stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            body.append(buffer.data(), static_cast<std::size_t>(stream.gcount()));
            if (body.size() > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        return body;
    }
    std::string body;
    switch (ours->body().readAll(maxBytes, body)) {
        case RequestBody::Status::Complete:
            return body;
        case RequestBody::Status::TooLarge:
            throw tooLarge(maxBytes);
        case RequestBody::Status::TimedOut:
            throw openai::ApiError(408, "invalid_request_error", "request_timeout",
                                   "The request body did not arrive in time.");
        case RequestBody::Status::Malformed:
            throw openai::ApiError::invalidRequest("The chunked request body is malformed.",
                                                   std::nullopt, "malformed_http");
        case RequestBody::Status::PeerClosed:
        case RequestBody::Status::Reading:
            break;
    }
    throw openai::ApiError::invalidRequest(
        "The connection ended before the whole request body arrived.", std::nullopt,
        "malformed_http");
}

bool hasUnreadBody(Poco::Net::HTTPServerRequest& request) {
    if (auto* ours = dynamic_cast<ProxyServerRequest*>(&request)) {
        return ours->body().announced() && !ours->body().complete();
    }
    return request.hasContentLength() ? request.getContentLength64() > 0
                                      : request.getChunkedTransferEncoding();
}

int requestSocketFd(Poco::Net::HTTPServerRequest& request) {
    if (auto* ours = dynamic_cast<ProxyServerRequest*>(&request)) {
        return ours->connection().fd();
    }
    return -1;
}

}  // namespace claude_proxy::http::server
