#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Poco::Net {
class HTTPClientSession;
class StreamSocket;
}  // namespace Poco::Net

namespace claude_proxy::test_support {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
    int status = 0;
    std::string reason;
    std::multimap<std::string, std::string> headers;  // names in lower case
    std::string body;                                 // de-chunked

    // The first value of a header (name in any case), or nullopt.
    std::optional<std::string> header(std::string_view name) const;
};

constexpr std::chrono::milliseconds kDefaultHttpTimeout{60000};

// One request to http://127.0.0.1:<port><path> over a fresh connection, read to the end.
// Throws (Poco::Exception) when the connection fails or the timeout passes.
HttpResponse request(int port, const std::string& method, const std::string& path,
                     const std::string& body = "", const HeaderList& headers = {},
                     std::chrono::milliseconds timeout = kDefaultHttpTimeout);

// POST with Content-Type: application/json.
HttpResponse postJson(int port, const std::string& path, const std::string& json,
                      const HeaderList& headers = {},
                      std::chrono::milliseconds timeout = kDefaultHttpTimeout);

HttpResponse get(int port, const std::string& path, const HeaderList& headers = {},
                 std::chrono::milliseconds timeout = kDefaultHttpTimeout);

// A request whose (de-chunked) response body is read bit by bit as it arrives, e.g. to time
// the first SSE event or to hang up in the middle of a stream.
class StreamingRequest {
  public:
    // Sends the request and waits for the response headers. `timeout` bounds every read.
    StreamingRequest(int port, const std::string& method, const std::string& path,
                     const std::string& body = "", const HeaderList& headers = {},
                     std::chrono::milliseconds timeout = kDefaultHttpTimeout);
    ~StreamingRequest();

    StreamingRequest(const StreamingRequest&) = delete;
    StreamingRequest& operator=(const StreamingRequest&) = delete;

    int status() const { return head_.status; }
    const HttpResponse& head() const { return head_; }  // status, reason, headers; no body

    // The next line of the body without its "\n" (and "\r"); nullopt at the end of the body.
    // Throws on timeout.
    std::optional<std::string> nextLine();
    // Everything left in the body.
    std::string readRest();
    // Everything read so far.
    const std::string& received() const { return received_; }

    // Hangs up at once (socket shut down and closed), mid-stream if need be.
    void abort();

  private:
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
    std::istream* body_ = nullptr;
    HttpResponse head_;
    std::string received_;
};

// A plain TCP connection to 127.0.0.1:<port> for what HTTP clients will not do: send
// arbitrary bytes (a partial request, a hand-made chunked body), read the raw response, and
// hang up abruptly.
class RawConnection {
  public:
    explicit RawConnection(int port,
                           std::chrono::milliseconds connectTimeout = std::chrono::seconds(10));
    ~RawConnection();

    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Sends all of `bytes`; throws if the peer is gone, or when one blocked write waited longer
    // than the send timeout (if one was set).
    void send(std::string_view bytes);
    // Bounds each blocked write of send() (SO_SNDTIMEO), for a peer that stops reading.
    void setSendTimeout(std::chrono::milliseconds timeout);

    // Reads what arrives within `timeout` (at least one byte unless it times out or the peer
    // closed); "" on timeout or end of stream. Appends to received().
    std::string readSome(std::chrono::milliseconds timeout);
    // Reads until received() contains `needle`; false if the timeout or the end came first.
    bool readUntil(std::string_view needle, std::chrono::milliseconds timeout);
    // Reads until the peer closes the connection or the timeout passes; returns received().
    const std::string& readToEnd(std::chrono::milliseconds timeout);

    const std::string& received() const { return received_; }
    bool peerClosed() const { return peerClosed_; }
    // The port of this end of the connection.
    int localPort() const;

    void shutdownWrite();  // half-close: FIN, but keep reading
    void close();          // orderly close
    void abort();          // abortive close: SO_LINGER 0, the peer sees a reset

  private:
    std::unique_ptr<Poco::Net::StreamSocket> socket_;
    std::string received_;
    bool peerClosed_ = false;
    bool closed_ = false;
};

// Parses a raw HTTP/1.1 response (status line, headers, then a Content-Length, chunked, or
// read-until-close body). nullopt while the response is incomplete or malformed.
std::optional<HttpResponse> parseHttpResponse(std::string_view raw, bool connectionClosed = false);

// `chunks` as a chunked transfer-encoded body, terminator included.
std::string chunkedBody(const std::vector<std::string>& chunks);

}  // namespace claude_proxy::test_support
