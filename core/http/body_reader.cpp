#include "http/body_reader.hpp"

#include <array>
#include <istream>

#include "openai/api_error.hpp"

namespace claude_proxy::http {
namespace {

openai::ApiError tooLarge(std::size_t maxBytes) {
    return openai::ApiError(
        413, "invalid_request_error", "request_too_large",
        "The request body is larger than the limit of " + std::to_string(maxBytes) + " bytes.");
}

}  // namespace

std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes) {
    if (request.hasContentLength() && request.getContentLength64() >= 0 &&
        static_cast<std::size_t>(request.getContentLength64()) > maxBytes) {
        throw tooLarge(maxBytes);
    }
    std::string body;
    std::array<char, 64 * 1024> buffer{};
    auto& stream = request.stream();
    while (stream) {
        stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(stream.gcount());
        if (got == 0) {
            break;
        }
        if (body.size() + got > maxBytes) {
            throw tooLarge(maxBytes);
        }
        body.append(buffer.data(), got);
    }
    return body;
}

}  // namespace claude_proxy::http
