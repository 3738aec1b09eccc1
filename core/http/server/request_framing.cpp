#include "http/server/request_framing.hpp"

#include <vector>

#include <Poco/String.h>

namespace claude_proxy::http::server {
namespace {

constexpr std::size_t kMaxLengthDigits = 19;  // fits in 63 bits

bool parseLength(const std::string& text, std::uint64_t& value) {
    const std::string trimmed = Poco::trim(text);
    if (trimmed.empty() || trimmed.size() > kMaxLengthDigits) {
        return false;
    }
    value = 0;
    for (const char c : trimmed) {
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
}

// Every value of the header fields named `name` (any case), in order.
std::vector<std::string> valuesOf(const Poco::Net::HTTPRequest& request, const std::string& name) {
    std::vector<std::string> values;
    for (auto it = request.begin(); it != request.end(); ++it) {
        if (Poco::icompare(it->first, name) == 0) {
            values.push_back(it->second);
        }
    }
    return values;
}

RequestFraming refused(std::string problem) {
    RequestFraming out;
    out.problem = std::move(problem);
    return out;
}

}  // namespace

RequestFraming framingOf(const Poco::Net::HTTPRequest& request) {
    if (request.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1 && !request.has("Host")) {
        return refused("An HTTP/1.1 request must carry a Host header.");
    }
    const bool hasEncoding = request.has(Poco::Net::HTTPMessage::TRANSFER_ENCODING);
    const bool hasLength = request.has(Poco::Net::HTTPMessage::CONTENT_LENGTH);
    if (hasEncoding && hasLength) {
        return refused("A request may not carry both Transfer-Encoding and Content-Length.");
    }
    RequestFraming out;
    if (hasEncoding) {
        const auto values = valuesOf(request, Poco::Net::HTTPMessage::TRANSFER_ENCODING);
        if (values.size() != 1 || Poco::icompare(Poco::trim(values.front()), "chunked") != 0) {
            return refused("Only 'Transfer-Encoding: chunked' is supported.");
        }
        out.framing = RequestBody::Framing::Chunked;
        return out;
    }
    if (hasLength) {
        bool first = true;
        for (const auto& text : valuesOf(request, Poco::Net::HTTPMessage::CONTENT_LENGTH)) {
            std::uint64_t value = 0;
            if (!parseLength(text, value)) {
                return refused("Content-Length must be a decimal number of bytes.");
            }
            if (!first && value != out.length) {
                return refused("The request carries differing Content-Length values.");
            }
            out.length = value;
            first = false;
        }
        out.framing = RequestBody::Framing::Length;
    }
    return out;
}

}  // namespace claude_proxy::http::server
