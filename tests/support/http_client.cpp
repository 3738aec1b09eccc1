#include "support/http_client.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <array>
#include <charconv>
#include <istream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "support/sigpipe_guard.hpp"

namespace claude_proxy::test_support {
namespace {

Poco::Timespan toTimespan(std::chrono::milliseconds duration) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

std::string lower(std::string_view text) {
    return Poco::toLower(std::string(text));
}

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(int port,
                                                          std::chrono::milliseconds timeout) {
    ignoreSigpipe();
    auto session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1",
                                                                  static_cast<Poco::UInt16>(port));
    session->setTimeout(toTimespan(timeout));
    session->setKeepAlive(false);
    return session;
}

// The numeric status of a response. Poco stores it as an enum that ends at 511, so reading a
// 529 back through getStatus() is undefined behaviour (UBSan flags it); the status line Poco
// writes carries the number as text.
int statusCodeOf(const Poco::Net::HTTPResponse& response) {
    std::ostringstream head;
    response.write(head);
    const std::string line = head.str();  // "HTTP/1.1 529 Overloaded\r\n…"
    const std::size_t space = line.find(' ');
    int status = 0;
    if (space != std::string::npos) {
        std::from_chars(line.data() + space + 1, line.data() + line.size(), status);
    }
    return status;
}

// Sends the request and returns the response body stream; fills `head` with the status line
// and the headers.
std::istream& exchange(Poco::Net::HTTPClientSession& session, const std::string& method,
                       const std::string& path, const std::string& body, const HeaderList& headers,
                       HttpResponse& head) {
    Poco::Net::HTTPRequest httpRequest(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    const bool hasBody = !body.empty() || method == Poco::Net::HTTPRequest::HTTP_POST ||
                         method == Poco::Net::HTTPRequest::HTTP_PUT || method == "PATCH";
    if (hasBody) {
        httpRequest.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    for (const auto& [name, value] : headers) {
        httpRequest.set(name, value);
    }
    std::ostream& out = session.sendRequest(httpRequest);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.flush();

    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    head.status = statusCodeOf(response);
    head.reason = response.getReason();
    for (const auto& [name, value] : response) {
        head.headers.emplace(lower(name), value);
    }
    return in;
}

std::optional<std::size_t> parseSize(std::string_view text, int base) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc() || end == text.data()) {
        return std::nullopt;
    }
    return value;
}

// De-chunks `body`; nullopt until the terminating zero-size chunk has arrived.
std::optional<std::string> dechunk(std::string_view body) {
    std::string decoded;
    std::size_t at = 0;
    while (true) {
        const std::size_t lineEnd = body.find("\r\n", at);
        if (lineEnd == std::string_view::npos) {
            return std::nullopt;
        }
        std::string_view sizeText = body.substr(at, lineEnd - at);
        sizeText = sizeText.substr(0, sizeText.find(';'));  // drop chunk extensions
        const auto size = parseSize(sizeText, 16);
        if (!size) {
            return std::nullopt;
        }
        at = lineEnd + 2;
        if (*size == 0) {
            return decoded;  // trailers, if any, are ignored
        }
        if (body.size() < at + *size + 2) {
            return std::nullopt;
        }
        decoded.append(body.substr(at, *size));
        at += *size + 2;
    }
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
    const auto found = headers.find(lower(name));
    if (found == headers.end()) {
        return std::nullopt;
    }
    return found->second;
}

HttpResponse request(int port, const std::string& method, const std::string& path,
                     const std::string& body, const HeaderList& headers,
                     std::chrono::milliseconds timeout) {
    const auto session = openSession(port, timeout);
    HttpResponse response;
    std::istream& in = exchange(*session, method, path, body, headers, response);
    Poco::StreamCopier::copyToString(in, response.body);
    return response;
}

HttpResponse postJson(int port, const std::string& path, const std::string& json,
                      const HeaderList& headers, std::chrono::milliseconds timeout) {
    HeaderList withType = {{"Content-Type", "application/json"}};
    withType.insert(withType.end(), headers.begin(), headers.end());
    return request(port, Poco::Net::HTTPRequest::HTTP_POST, path, json, withType, timeout);
}

HttpResponse get(int port, const std::string& path, const HeaderList& headers,
                 std::chrono::milliseconds timeout) {
    return request(port, Poco::Net::HTTPRequest::HTTP_GET, path, "", headers, timeout);
}

StreamingRequest::StreamingRequest(int port, const std::string& method, const std::string& path,
                                   const std::string& body, const HeaderList& headers,
                                   std::chrono::milliseconds timeout)
    : session_(openSession(port, timeout)) {
    body_ = &exchange(*session_, method, path, body, headers, head_);
    body_->exceptions(std::ios::badbit);  // a read timeout surfaces as an exception
}

StreamingRequest::~StreamingRequest() = default;

std::optional<std::string> StreamingRequest::nextLine() {
    std::string line;
    if (!std::getline(*body_, line)) {
        received_ += line;
        return std::nullopt;
    }
    received_ += line;
    received_ += '\n';
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

std::string StreamingRequest::readRest() {
    std::string rest;
    Poco::StreamCopier::copyToString(*body_, rest);
    received_ += rest;
    return rest;
}

void StreamingRequest::abort() {
    session_->abort();
}

RawConnection::RawConnection(int port, std::chrono::milliseconds connectTimeout)
    : socket_(std::make_unique<Poco::Net::StreamSocket>()) {
    ignoreSigpipe();
    socket_->connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
                     toTimespan(connectTimeout));
}

RawConnection::~RawConnection() {
    close();
}

int RawConnection::localPort() const {
    return socket_->address().port();
}

void RawConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        const int sent = socket_->sendBytes(bytes.data(), static_cast<int>(bytes.size()));
        if (sent <= 0) {
            throw std::runtime_error("RawConnection: send failed");
        }
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
}

void RawConnection::setSendTimeout(std::chrono::milliseconds timeout) {
    socket_->setSendTimeout(toTimespan(timeout));
}

std::string RawConnection::readSome(std::chrono::milliseconds timeout) {
    if (peerClosed_ || closed_) {
        return {};
    }
    if (!socket_->poll(toTimespan(timeout), Poco::Net::Socket::SELECT_READ)) {
        return {};
    }
    std::array<char, 65536> buffer{};
    int count = 0;
    try {
        count = socket_->receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
    } catch (const std::exception&) {
        count = 0;  // a reset counts as the end of the stream
    }
    if (count <= 0) {
        peerClosed_ = true;
        return {};
    }
    std::string chunk(buffer.data(), static_cast<std::size_t>(count));
    received_ += chunk;
    return chunk;
}

bool RawConnection::readUntil(std::string_view needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (received_.find(needle) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || peerClosed_ || closed_) {
            return false;
        }
        readSome(left);
    }
    return true;
}

const std::string& RawConnection::readToEnd(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!peerClosed_ && !closed_) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            break;
        }
        readSome(left);
    }
    return received_;
}

void RawConnection::shutdownWrite() {
    socket_->shutdownSend();
}

void RawConnection::close() {
    if (closed_) {
        return;
    }
    closed_ = true;
    try {
        socket_->close();
    } catch (const std::exception&) {
        // already gone
    }
}

void RawConnection::abort() {
    if (closed_) {
        return;
    }
    try {
        socket_->setLinger(true, 0);
    } catch (const std::exception&) {
        // close anyway
    }
    close();
}

std::optional<HttpResponse> parseHttpResponse(std::string_view raw, bool connectionClosed) {
    const std::size_t headEnd = raw.find("\r\n\r\n");
    if (headEnd == std::string_view::npos) {
        return std::nullopt;
    }
    HttpResponse response;
    std::string_view head = raw.substr(0, headEnd);
    std::size_t lineEnd = head.find("\r\n");
    const std::string_view statusLine = head.substr(0, lineEnd);
    // "HTTP/1.1 200 OK"
    const std::size_t firstSpace = statusLine.find(' ');
    if (statusLine.rfind("HTTP/", 0) != 0 || firstSpace == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view afterVersion = statusLine.substr(firstSpace + 1);
    const auto status = parseSize(afterVersion.substr(0, 3), 10);
    if (!status) {
        return std::nullopt;
    }
    response.status = static_cast<int>(*status);
    response.reason = afterVersion.size() > 4 ? std::string(afterVersion.substr(4)) : "";
    while (lineEnd != std::string_view::npos) {
        const std::size_t start = lineEnd + 2;
        lineEnd = head.find("\r\n", start);
        const std::string_view line = head.substr(
            start, lineEnd == std::string_view::npos ? std::string_view::npos : lineEnd - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;
        }
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
            value.remove_prefix(1);
        }
        response.headers.emplace(lower(line.substr(0, colon)), std::string(value));
    }

    const std::string_view body = raw.substr(headEnd + 4);
    const auto encoding = response.header("transfer-encoding");
    const auto length = response.header("content-length");
    if (encoding && lower(*encoding).find("chunked") != std::string::npos) {
        auto decoded = dechunk(body);
        if (!decoded) {
            return std::nullopt;
        }
        response.body = std::move(*decoded);
    } else if (length) {
        const auto size = parseSize(*length, 10);
        if (!size || body.size() < *size) {
            return std::nullopt;
        }
        response.body = std::string(body.substr(0, *size));
    } else if (response.status == 204 || response.status == 304 || response.status < 200) {
        response.body.clear();
    } else if (connectionClosed) {
        response.body = std::string(body);
    } else {
        return std::nullopt;
    }
    return response;
}

std::string chunkedBody(const std::vector<std::string>& chunks) {
    std::string encoded;
    for (const std::string& chunk : chunks) {
        if (chunk.empty()) {
            continue;  // an empty chunk would end the body early
        }
        std::array<char, 20> size{};
        const auto [end, error] =
            std::to_chars(size.data(), size.data() + size.size(), chunk.size(), 16);
        (void)error;
        encoded.append(size.data(), end);
        encoded += "\r\n";
        encoded += chunk;
        encoded += "\r\n";
    }
    encoded += "0\r\n\r\n";
    return encoded;
}

}  // namespace claude_proxy::test_support
