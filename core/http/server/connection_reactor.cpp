#include "http/server/connection_reactor.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <Poco/Net/StreamSocketImpl.h>
#include <spdlog/spdlog.h>

#include "http/route_path.hpp"

namespace claude_proxy::http::server {
namespace {

constexpr int kAcceptsPerWake = 128;
constexpr std::size_t kReceiveChunk = 16 * 1024;

// The client's address as text, the key of the per-client connection count.
std::string clientKeyOf(const sockaddr_storage& address) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (address.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
    } else if (address.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
    } else {
        return "unknown";
    }
    return text.data();
}

int pollMillis(Clock::time_point now, Clock::time_point until) {
    if (until == Clock::time_point::max()) {
        return -1;
    }
    if (until <= now) {
        return 0;
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - now).count();
    return static_cast<int>(std::min<long long>(wait, 60 * 1000));
}

}  // namespace

ConnectionReactor::ConnectionReactor(int listenFd, ReactorSettings settings,
                                     Poco::Net::HTTPServerParams::Ptr params,
                                     ConnectionCounter& counter, Dispatch dispatch)
    : listenFd_(listenFd),
      settings_(settings),
      params_(std::move(params)),
      counter_(counter),
      dispatch_(std::move(dispatch)),
      wakeFd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

ConnectionReactor::~ConnectionReactor() {
    stop();
    if (wakeFd_ >= 0) {
        ::close(wakeFd_);
    }
}

void ConnectionReactor::start() {
    thread_ = std::thread([this] { run(); });
}

void ConnectionReactor::wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wakeFd_, &one, sizeof one);
}

void ConnectionReactor::adopt(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(mutex_);
        if (stopAccepting_ || stop_) {
            return;  // closed here, on the caller's thread
        }
        adopted_.push_back(std::move(connection));
    }
    wake();
}

void ConnectionReactor::stopAccepting() {
    {
        std::lock_guard lock(mutex_);
        stopAccepting_ = true;
    }
    wake();
}

void ConnectionReactor::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void ConnectionReactor::acceptPending(Clock::time_point now) {
    for (int i = 0; i < kAcceptsPerWake; ++i) {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        const int fd =
            ::accept4(listenFd_, reinterpret_cast<sockaddr*>(&address), &length, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            if (errno == EMFILE || errno == ENFILE) {
                spdlog::warn("accept: out of file descriptors ({} connections open)",
                             counter_.total());
            }
            return;  // EAGAIN: nothing more now
        }
        const std::string client = clientKeyOf(address);
        const auto admission = counter_.admit(client);
        if (admission != ConnectionCounter::Admission::Admitted) {
            const bool perClient = admission == ConnectionCounter::Admission::TooManyFromClient;
            sendNow(fd, closingErrorResponse(
                            perClient ? 429 : 503,
                            perClient ? "Too Many Requests" : "Service Unavailable",
                            perClient ? "rate_limit_error" : "server_error",
                            perClient ? "too_many_connections" : "server_busy",
                            perClient ? "This client has too many connections open to the "
                                        "proxy; reuse or close some."
                                      : "The proxy has too many connections open; retry "
                                        "shortly."));
            ::close(fd);
            continue;
        }
        auto connection = std::make_unique<Connection>(
            Poco::Net::StreamSocket(new Poco::Net::StreamSocketImpl(fd)), params_, counter_,
            client);
        connection->idle = false;  // a new connection's head is due within the read timeout
        connection->deadline = now + settings_.readTimeout;
        waiting_.push_back(std::move(connection));
    }
}

void ConnectionReactor::takeAdopted(Clock::time_point now) {
    std::vector<std::unique_ptr<Connection>> adopted;
    {
        std::lock_guard lock(mutex_);
        adopted.swap(adopted_);
    }
    for (auto& connection : adopted) {
        connection->scanner().reset();  // whatever is pending is looked at afresh
        connection->idle = connection->pending().empty();
        connection->deadline =
            now + (connection->idle ? settings_.keepAliveTimeout : settings_.readTimeout);
        waiting_.push_back(std::move(connection));
        dispatchIfComplete(waiting_.back());
    }
}

bool ConnectionReactor::receive(Connection& connection, Clock::time_point now) {
    const std::size_t room = settings_.maxHeadBytes + 1 -
                             std::min(connection.pending().size(), settings_.maxHeadBytes + 1);
    const long got =
        receiveNow(connection.fd(), connection.pending(), std::min(room, kReceiveChunk));
    if (got == -1) {
        return true;
    }
    if (got <= 0) {
        return false;  // closed by the peer, or a socket error
    }
    if (connection.idle) {
        connection.idle = false;
        connection.deadline = now + settings_.readTimeout;
    }
    return true;
}

void ConnectionReactor::dispatchIfComplete(std::unique_ptr<Connection>& slot) {
    Connection& connection = *slot;
    const std::size_t headEnd = connection.scanner().headEnd(connection.pending());
    if (headEnd == std::string::npos) {
        if (connection.pending().size() > settings_.maxHeadBytes) {
            sendNow(connection.fd(),
                    closingErrorResponse(431, "Request Header Fields Too Large",
                                         "invalid_request_error", "request_head_too_large",
                                         "The request head is larger than " +
                                             std::to_string(settings_.maxHeadBytes) + " bytes."));
            slot.reset();
        }
        return;
    }
    const std::string_view head(connection.pending().data(), headEnd);
    const bool operations = isOperationsPath(normalisedPath(requestTarget(head)));
    const int fd = connection.fd();
    if (!dispatch_(slot, headEnd, operations)) {
        sendNow(fd, closingErrorResponse(503, "Service Unavailable", "server_error", "server_busy",
                                         "Every worker of the proxy is busy; retry shortly."));
        slot.reset();
    }
}

void ConnectionReactor::run() {
    std::vector<pollfd> fds;
    while (true) {
        bool stopAccepting = false;
        {
            std::lock_guard lock(mutex_);
            if (stop_) {
                break;
            }
            stopAccepting = stopAccepting_;
        }
        auto now = Clock::now();
        if (stopAccepting && accepting_) {
            accepting_ = false;
            waiting_.clear();  // idle and half-sent requests are closed; none is being served
        }
        takeAdopted(now);
        std::erase(waiting_, nullptr);

        fds.clear();
        fds.push_back({wakeFd_, POLLIN, 0});
        if (accepting_) {
            fds.push_back({listenFd_, POLLIN, 0});
        }
        const std::size_t first = fds.size();
        Clock::time_point wakeAt = Clock::time_point::max();
        for (const auto& connection : waiting_) {
            fds.push_back({connection->fd(), POLLIN | POLLRDHUP, 0});
            wakeAt = std::min(wakeAt, connection->deadline);
        }

        const int ready = ::poll(fds.data(), fds.size(), pollMillis(now, wakeAt));
        if (ready < 0 && errno != EINTR) {
            spdlog::error("connection reactor: poll failed: {}", std::strerror(errno));
            break;
        }
        now = Clock::now();
        if ((fds[0].revents & POLLIN) != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t n = ::read(wakeFd_, &count, sizeof count);
        }
        if (accepting_ && (fds[1].revents & POLLIN) != 0) {
            acceptPending(now);  // appends after the polled entries
        }
        const std::size_t polled = fds.size() - first;
        for (std::size_t i = 0; i < polled && i < waiting_.size(); ++i) {
            auto& slot = waiting_[i];
            const short events = fds[first + i].revents;
            if (!slot) {
                continue;
            }
            if ((events & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) != 0) {
                if (!receive(*slot, now)) {
                    slot.reset();
                    continue;
                }
                dispatchIfComplete(slot);
                if (!slot) {
                    continue;
                }
            }
            if (now >= slot->deadline) {
                if (!slot->idle && !slot->pending().empty()) {
                    sendNow(slot->fd(),
                            closingErrorResponse(408, "Request Timeout", "invalid_request_error",
                                                 "request_timeout",
                                                 "The request head did not arrive in time."));
                }
                slot.reset();
            }
        }
    }
    waiting_.clear();
    std::lock_guard lock(mutex_);
    adopted_.clear();
}

}  // namespace claude_proxy::http::server
