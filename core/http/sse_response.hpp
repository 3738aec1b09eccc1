#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string_view>

#include <Poco/Net/HTTPServerResponse.h>

#include "service/chat_service.hpp"

namespace claude_proxy::http {

// A Server-Sent Events response: the first write commits 200 with text/event-stream,
// no-cache, X-Accel-Buffering: no and chunked transfer; every write is flushed to the socket
// at once. A failed write (client gone) is reported as false, never thrown.
class SseResponse : public service::StreamSink {
  public:
    explicit SseResponse(Poco::Net::HTTPServerResponse& response) : response_(response) {}

    bool write(std::string_view frames) override;
    bool committed() const override { return stream_ != nullptr; }

    // When the first data event (not a keep-alive comment) was written, if one was.
    const std::optional<std::chrono::steady_clock::time_point>& firstDataAt() const {
        return firstDataAt_;
    }

  private:
    Poco::Net::HTTPServerResponse& response_;
    std::ostream* stream_ = nullptr;
    std::optional<std::chrono::steady_clock::time_point> firstDataAt_;
};

}  // namespace claude_proxy::http
