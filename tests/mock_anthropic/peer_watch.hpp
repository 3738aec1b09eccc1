#pragma once

#include <atomic>
#include <chrono>

namespace Poco::Net {
class StreamSocket;
}

namespace mock_anthropic {

// Watches the client side of one connection while the mock deliberately stays silent, so a
// long wait ends as soon as the client hangs up (or the server shuts down).
class PeerWatch {
  public:
    // `socket` may be null (then waits just sleep); `stopping` is the server-wide stop flag.
    PeerWatch(Poco::Net::StreamSocket* socket, const std::atomic<bool>& stopping)
        : socket_(socket), stopping_(stopping) {}

    // True once the peer closed (readable with nothing to read, or a socket error).
    bool peerClosed();

    // Waits up to `duration`, checking the peer about every 20 ms. True when the whole time
    // passed with the peer still there; false as soon as it closed or the server is stopping.
    bool stayConnectedFor(std::chrono::milliseconds duration);

    bool stopping() const { return stopping_.load(); }

  private:
    Poco::Net::StreamSocket* socket_;
    const std::atomic<bool>& stopping_;
    bool closed_ = false;
};

}  // namespace mock_anthropic
