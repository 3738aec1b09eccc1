#include "http/server/connection.hpp"

#include <sys/socket.h>

#include <cerrno>

#include "openai/api_error.hpp"
#include "openai/error_body.hpp"

namespace claude_proxy::http::server {

ConnectionCounter::Admission ConnectionCounter::admit(const std::string& client) {
    std::lock_guard lock(mutex_);
    if (total_ >= maxTotal_) {
        return Admission::TooManyInAll;
    }
    auto& count = perClient_[client];
    if (count >= maxPerClient_) {
        if (count == 0) {
            perClient_.erase(client);
        }
        return Admission::TooManyFromClient;
    }
    ++count;
    ++total_;
    return Admission::Admitted;
}

void ConnectionCounter::release(const std::string& client) {
    std::lock_guard lock(mutex_);
    const auto found = perClient_.find(client);
    if (found == perClient_.end()) {
        return;
    }
    --total_;
    if (--found->second == 0) {
        perClient_.erase(found);
    }
}

std::size_t ConnectionCounter::total() const {
    std::lock_guard lock(mutex_);
    return total_;
}

Connection::Connection(Poco::Net::StreamSocket socket,
                       const Poco::Net::HTTPServerParams::Ptr& params, ConnectionCounter& counter,
                       std::string client)
    : socket_(std::move(socket)),
      fd_(static_cast<int>(socket_.impl()->sockfd())),
      session_(std::make_unique<Poco::Net::HTTPServerSession>(socket_, params)),
      counter_(counter),
      client_(std::move(client)) {
    try {
        peer_ = socket_.peerAddress();
        local_ = socket_.address();
    } catch (const Poco::Exception&) {
        // The peer may already be gone; the addresses only feed logs and request objects.
    }
}

Connection::~Connection() {
    try {
        session_.reset();  // closes the socket
        socket_.close();
    } catch (...) {
    }
    counter_.release(client_);
}

long receiveNow(int fd, std::string& into, std::size_t maxBytes) {
    if (maxBytes == 0) {
        return -1;
    }
    const std::size_t before = into.size();
    into.resize(before + maxBytes);
    ssize_t n = 0;
    do {
        n = ::recv(fd, into.data() + before, maxBytes, MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    into.resize(before + static_cast<std::size_t>(n > 0 ? n : 0));
    if (n < 0) {
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? -1 : -2;
    }
    return static_cast<long>(n);
}

void sendNow(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string closingErrorResponse(int status, std::string_view reason, std::string_view type,
                                 std::string_view code, std::string_view message) {
    const std::string body = openai::renderErrorBody(
        openai::ApiError(status, std::string(type), std::string(code), std::string(message)));
    return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace claude_proxy::http::server
