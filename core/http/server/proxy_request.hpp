#pragma once

#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/server/connection.hpp"
#include "http/server/request_body.hpp"

namespace claude_proxy::http::server {

// The request object endpoints see: Poco's HTTPServerRequest, its head parsed by Poco from the
// bytes the connection layer collected, its body read by RequestBody (with the request's
// deadline) instead of by Poco's session. Lives on the worker thread for one request.
class ProxyServerRequest : public Poco::Net::HTTPServerRequest {
  public:
    ProxyServerRequest(Connection& connection, Poco::Net::HTTPServerResponse& response,
                       const Poco::Net::HTTPServerParams& params);
    ~ProxyServerRequest() override;

    // Parses the request line and header fields; throws Poco::Net::MessageException (or
    // another Poco::Exception) when they are malformed or beyond Poco's limits.
    void readHead(std::string_view head);
    // The body, once the head has told how it is framed. Must outlive this object's use.
    void attachBody(RequestBody& body);

    RequestBody& body() { return *body_; }
    Connection& connection() { return connection_; }

    std::istream& stream() override;
    const Poco::Net::SocketAddress& clientAddress() const override { return connection_.peer(); }
    const Poco::Net::SocketAddress& serverAddress() const override { return connection_.local(); }
    const Poco::Net::HTTPServerParams& serverParams() const override { return params_; }
    Poco::Net::HTTPServerResponse& response() const override { return response_; }
    bool secure() const override { return false; }

  private:
    class BodyBuffer : public std::streambuf {
      public:
        explicit BodyBuffer(RequestBody*& body) : body_(body) {}

      protected:
        int_type underflow() override;

      private:
        RequestBody*& body_;
        std::string chunk_;
    };

    Connection& connection_;
    Poco::Net::HTTPServerResponse& response_;
    const Poco::Net::HTTPServerParams& params_;
    RequestBody* body_ = nullptr;
    BodyBuffer buffer_{body_};
    std::istream stream_{&buffer_};
};

// The body of `request` in full, up to `maxBytes`, when it is one of ours; throws
// openai::ApiError 413 (too large), 408 (deadline passed) or 400 (broken chunked encoding,
// client gone before the end). For any other request object, reads its stream.
std::string readRequestBody(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes);

// True when `request` announced a body that has not been read to its end.
bool hasUnreadBody(Poco::Net::HTTPServerRequest& request);

// The request's socket descriptor (-1 when it has none we know of).
int requestSocketFd(Poco::Net::HTTPServerRequest& request);

}  // namespace claude_proxy::http::server
