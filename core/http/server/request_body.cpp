#include "http/server/request_body.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>

namespace claude_proxy::http::server {
namespace {

constexpr std::size_t kReceiveChunk = 64 * 1024;

int pollMillis(Clock::time_point now, Clock::time_point until) {
    if (until <= now) {
        return 0;
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - now).count();
    return static_cast<int>(std::min<long long>(wait, 60 * 60 * 1000));
}

}  // namespace

RequestBody::RequestBody(Connection& connection, Framing framing, std::uint64_t length,
                         Clock::time_point deadline, std::function<void()> sendContinue)
    : connection_(connection),
      framing_(framing),
      remaining_(length),
      announced_(framing == Framing::Chunked || (framing == Framing::Length && length > 0)),
      deadline_(deadline),
      sendContinue_(std::move(sendContinue)) {
    if (framing_ == Framing::None || (framing_ == Framing::Length && remaining_ == 0)) {
        status_ = Status::Complete;
    }
}

void RequestBody::consumePending(std::string& out, std::size_t limit) {
    std::string& pending = connection_.pending();
    if (pending.empty() || status_ != Status::Reading) {
        return;
    }
    if (framing_ == Framing::Length) {
        const auto take =
            static_cast<std::size_t>(std::min<std::uint64_t>({remaining_, pending.size(), limit}));
        out.append(pending, 0, take);
        pending.erase(0, take);
        remaining_ -= take;
        if (remaining_ == 0) {
            status_ = Status::Complete;
        }
        return;
    }
    // Chunked: decode no more than `limit` raw bytes at a time, so that a caller's limit holds
    // within one pass as well (decoded data is never longer than its encoding).
    const std::string_view raw(pending.data(), std::min(pending.size(), limit));
    const std::size_t used = chunked_.feed(raw, out);
    pending.erase(0, used);
    if (chunked_.malformed()) {
        status_ = Status::Malformed;
    } else if (chunked_.done()) {
        status_ = Status::Complete;
    }
}

bool RequestBody::receiveMore(Clock::time_point until) {
    if (sendContinue_) {
        const auto send = std::move(sendContinue_);
        sendContinue_ = nullptr;
        send();
    }
    until = std::min(until, deadline_);
    while (true) {
        const auto now = Clock::now();
        if (now >= until) {
            if (now >= deadline_) {
                status_ = Status::TimedOut;
            }
            return false;
        }
        pollfd fd{connection_.fd(), POLLIN, 0};
        const int ready = ::poll(&fd, 1, pollMillis(now, until));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            status_ = Status::PeerClosed;
            return false;
        }
        if (ready == 0) {
            continue;  // the loop decides whether the time is up
        }
        const long got = receiveNow(connection_.fd(), connection_.pending(), kReceiveChunk);
        if (got > 0) {
            return true;
        }
        if (got == -1) {
            continue;
        }
        status_ = Status::PeerClosed;
        return false;
    }
}

RequestBody::Status RequestBody::readSome(std::size_t maxBytes, std::string& out) {
    const std::size_t before = out.size();
    while (status_ == Status::Reading && out.size() == before) {
        if (connection_.pending().empty() && !receiveMore(deadline_)) {
            break;
        }
        consumePending(out, maxBytes);
    }
    return status_;
}

RequestBody::Status RequestBody::readAll(std::size_t maxBytes, std::string& out) {
    if (framing_ == Framing::Length && remaining_ > maxBytes) {
        status_ = Status::TooLarge;
        return status_;
    }
    if (framing_ == Framing::Length) {
        out.reserve(out.size() + static_cast<std::size_t>(remaining_));
    }
    while (status_ == Status::Reading) {
        if (connection_.pending().empty() && !receiveMore(deadline_)) {
            break;
        }
        consumePending(out, maxBytes - std::min(out.size(), maxBytes) + 1);
        if (out.size() > maxBytes) {
            status_ = Status::TooLarge;
        }
    }
    return status_;
}

bool RequestBody::discardRest(std::size_t maxBytes, Clock::time_point deadline) {
    std::string dropped;
    std::size_t total = 0;
    while (status_ == Status::Reading && total <= maxBytes) {
        if (connection_.pending().empty() && !receiveMore(deadline)) {
            break;
        }
        dropped.clear();
        consumePending(dropped, maxBytes + 1 - total);
        total += dropped.size();
    }
    return status_ == Status::Complete;
}

}  // namespace claude_proxy::http::server
