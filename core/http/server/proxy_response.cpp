#include "http/server/proxy_response.hpp"

#include <Poco/CountingStream.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPChunkedStream.h>
#include <Poco/Net/HTTPFixedLengthStream.h>
#include <Poco/Net/HTTPHeaderStream.h>
#include <Poco/Net/HTTPStream.h>

namespace claude_proxy::http::server {

ProxyServerResponse::ProxyServerResponse(Poco::Net::HTTPServerSession& session, bool headRequest)
    : session_(session), headRequest_(headRequest) {}

ProxyServerResponse::~ProxyServerResponse() {
    try {
        stream_.reset();
    } catch (...) {
        // The client is gone; the connection is closed after this response anyway.
    }
}

bool ProxyServerResponse::withoutBody() const {
    const auto status = getStatus();
    return headRequest_ || status < 200 || status == HTTP_NO_CONTENT || status == HTTP_NOT_MODIFIED;
}

void ProxyServerResponse::sendContinue() {
    Poco::Net::HTTPHeaderOutputStream head(session_);
    head << getVersion() << " 100 Continue\r\n\r\n";
}

std::ostream& ProxyServerResponse::send() {
    if (stream_) {
        throw Poco::IllegalStateException("the response has been sent already");
    }
    if (withoutBody()) {
        // Only the head: a stream that takes exactly its bytes and no more.
        Poco::CountingOutputStream counter;
        write(counter);
        stream_ = std::make_unique<Poco::Net::HTTPFixedLengthOutputStream>(
            session_,
            static_cast<Poco::Net::HTTPFixedLengthStreamBuf::ContentLength>(counter.chars()));
        write(*stream_);
    } else if (getChunkedTransferEncoding()) {
        Poco::Net::HTTPHeaderOutputStream head(session_);
        write(head);
        head.flush();
        stream_ = std::make_unique<Poco::Net::HTTPChunkedOutputStream>(session_);
    } else if (hasContentLength()) {
        Poco::CountingOutputStream counter;
        write(counter);
        stream_ = std::make_unique<Poco::Net::HTTPFixedLengthOutputStream>(
            session_, static_cast<Poco::Net::HTTPFixedLengthStreamBuf::ContentLength>(
                          getContentLength64() + counter.chars()));
        write(*stream_);
    } else {
        // No length and not chunked: the body ends when the connection closes.
        setKeepAlive(false);
        stream_ = std::make_unique<Poco::Net::HTTPOutputStream>(session_);
        write(*stream_);
    }
    return *stream_;
}

void ProxyServerResponse::sendBuffer(const void* buffer, std::size_t length) {
    setContentLength64(static_cast<Poco::Int64>(length));
    setChunkedTransferEncoding(false);
    std::ostream& out = send();
    if (!withoutBody()) {
        out.write(static_cast<const char*>(buffer), static_cast<std::streamsize>(length));
    }
    out.flush();
}

void ProxyServerResponse::sendFile(const std::string& path, const std::string&) {
    throw Poco::NotImplementedException("the proxy serves no files: " + path);
}

void ProxyServerResponse::redirect(const std::string& uri, HTTPStatus status) {
    setStatusAndReason(status);
    set("Location", uri);
    sendBuffer(nullptr, 0);
}

void ProxyServerResponse::requireAuthentication(const std::string& realm) {
    setStatusAndReason(HTTP_UNAUTHORIZED);
    set("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
    sendBuffer(nullptr, 0);
}

}  // namespace claude_proxy::http::server
