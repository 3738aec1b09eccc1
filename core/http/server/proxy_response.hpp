#pragma once

#include <memory>
#include <ostream>
#include <string>

#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerSession.h>

namespace claude_proxy::http::server {

// The response object endpoints write to: Poco's HTTPServerResponse over the connection's
// session, sent with Poco's header, fixed-length and chunked output streams. (Poco's own
// HTTPServerResponseImpl can only be tied to a request of its own kind, and without one it
// never writes a body.) A response to HEAD, and a 1xx/204/304, carries no body. Destroying the
// object finishes the body (a chunked one gets its last chunk). One worker thread.
class ProxyServerResponse : public Poco::Net::HTTPServerResponse {
  public:
    ProxyServerResponse(Poco::Net::HTTPServerSession& session, bool headRequest);
    ~ProxyServerResponse() override;

    void sendContinue() override;
    std::ostream& send() override;
    void sendFile(const std::string& path, const std::string& mediaType) override;
    void sendBuffer(const void* buffer, std::size_t length) override;
    void redirect(const std::string& uri, HTTPStatus status) override;
    void requireAuthentication(const std::string& realm) override;
    bool sent() const override { return stream_ != nullptr; }

  private:
    bool withoutBody() const;

    Poco::Net::HTTPServerSession& session_;
    bool headRequest_;
    std::unique_ptr<std::ostream> stream_;
};

}  // namespace claude_proxy::http::server
