#include "peer_watch.hpp"

#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <thread>

namespace mock_anthropic {
namespace {

constexpr std::chrono::milliseconds kPollInterval{20};

Poco::Timespan toTimespan(std::chrono::milliseconds duration) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

}  // namespace

bool PeerWatch::peerClosed() {
    if (closed_ || socket_ == nullptr) {
        return closed_;
    }
    try {
        if (socket_->poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_ERROR)) {
            closed_ = true;
        } else if (socket_->poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
            // Readable with no bytes queued means end of stream: the client closed.
            closed_ = socket_->available() == 0;
        }
    } catch (const std::exception&) {
        closed_ = true;
    }
    return closed_;
}

bool PeerWatch::stayConnectedFor(std::chrono::milliseconds duration) {
    const auto deadline = std::chrono::steady_clock::now() + duration;
    while (true) {
        if (peerClosed() || stopping()) {
            return false;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            return true;
        }
        const auto slice = std::min<std::chrono::milliseconds>(
            kPollInterval, std::chrono::ceil<std::chrono::milliseconds>(deadline - now));
        bool readable = false;
        if (socket_ != nullptr) {
            try {
                readable = socket_->poll(toTimespan(slice), Poco::Net::Socket::SELECT_READ);
            } catch (const std::exception&) {
                closed_ = true;
                return false;
            }
        }
        if (socket_ == nullptr) {
            std::this_thread::sleep_for(slice);
        } else if (readable && !peerClosed()) {
            // The client sent more bytes (a pipelined request), so poll returns at once:
            // sleep out the slice instead of spinning.
            std::this_thread::sleep_for(slice);
        }
    }
}

}  // namespace mock_anthropic
