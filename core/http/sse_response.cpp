#include "http/sse_response.hpp"

#include <Poco/Exception.h>

namespace claude_proxy::http {

bool SseResponse::write(std::string_view frames) {
    try {
        if (stream_ == nullptr) {
            response_.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
            response_.setContentType("text/event-stream; charset=utf-8");
            response_.set("Cache-Control", "no-cache");
            response_.set("X-Accel-Buffering", "no");
            response_.setChunkedTransferEncoding(true);
            stream_ = &response_.send();
        }
        stream_->write(frames.data(), static_cast<std::streamsize>(frames.size()));
        stream_->flush();
        if (!firstDataAt_ && frames.rfind("data: ", 0) == 0) {
            firstDataAt_ = std::chrono::steady_clock::now();
        }
        return stream_->good();
    } catch (const Poco::Exception&) {
        return false;
    } catch (const std::ios_base::failure&) {
        return false;
    }
}

}  // namespace claude_proxy::http
