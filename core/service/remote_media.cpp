#include "service/remote_media.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "openai/api_error.hpp"
#include "service/address_policy.hpp"

namespace claude_proxy::service {
namespace {

using Clock = std::chrono::steady_clock;

// URLs in messages are cut to this many bytes.
constexpr std::size_t kShownUrl = 200;

std::string shown(const std::string& url) {
    return url.size() <= kShownUrl ? url : url.substr(0, kShownUrl) + "…";
}

[[noreturn]] void fail(const openai::MediaPart& part, const std::string& why,
                       const char* code = "image_fetch_failed") {
    throw openai::ApiError::invalidRequest(
        "Could not use the image at " + shown(part.remoteUrl) + ": " + why, part.param, code);
}

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return text;
}

// The addresses `host` stands for: itself when it is an IP literal, else what DNS says.
std::vector<Poco::Net::IPAddress> addressesOf(const std::string& host,
                                              const openai::MediaPart& part) {
    Poco::Net::IPAddress literal;
    if (Poco::Net::IPAddress::tryParse(host, literal)) {
        return {literal};
    }
    try {
        auto addresses = Poco::Net::DNS::hostByName(host).addresses();
        if (addresses.empty()) {
            fail(part, "the host name " + host + " has no address.");
        }
        return addresses;
    } catch (const Poco::Exception& error) {
        fail(part,
             "the host name " + host + " could not be resolved (" + error.displayText() + ").");
    }
}

Poco::Timespan remaining(Clock::time_point deadline, const openai::MediaPart& part) {
    const auto left =
        std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
        fail(part, "the fetch took too long.");
    }
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(left.count()));
}

std::string fetch(const openai::MediaPart& part, const RemoteMediaPolicy& policy,
                  std::string& contentType) {
    Poco::URI uri;
    try {
        uri = Poco::URI(part.remoteUrl);
    } catch (const Poco::Exception& error) {
        fail(part, "it is not a valid URL (" + error.displayText() + ").", "invalid_image");
    }
    const std::string scheme = lowered(uri.getScheme());
    if (scheme == "https") {
        fail(part,
             "https URLs cannot be fetched by this proxy (it fetches over http only); send the "
             "image as a data URL.",
             "image_url_not_supported");
    }
    const std::string host = lowered(uri.getHost());
    if (host.empty()) {
        fail(part, "the URL names no host.", "invalid_image");
    }
    const auto addresses = addressesOf(host, part);
    const bool allowed = std::find(policy.allowHosts.begin(), policy.allowHosts.end(), host) !=
                         policy.allowHosts.end();
    if (!allowed) {
        for (const auto& address : addresses) {
            if (const auto kind = forbiddenAddressKind(address); !kind.empty()) {
                fail(part,
                     "its host resolves to " + address.toString() + ", a " + std::string(kind) +
                         " address, which the proxy does not fetch from.",
                     "image_url_forbidden");
            }
        }
    }

    const auto deadline = Clock::now() + policy.timeout;
    // The connection goes to the address just checked; the Host header names the URL's host.
    const Poco::Net::SocketAddress target(addresses.front(), uri.getPort());
    Poco::Net::HTTPClientSession session(target);
    std::string path = uri.getPathAndQuery();
    if (path.empty()) {
        path = "/";
    }
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(uri.getHost(), uri.getPort());
    request.set("Accept", "image/png, image/jpeg, image/gif, image/webp");
    request.set("User-Agent", "claude-proxy");
    Poco::Net::HTTPResponse response;
    std::string body;
    try {
        const auto left = remaining(deadline, part);
        session.setTimeout(left, left, left);
        session.sendRequest(request);
        std::istream& in = session.receiveResponse(response);
        const int status = static_cast<int>(response.getStatus());
        if (status >= 300 && status < 400) {
            fail(part, "the server answered " + std::to_string(status) +
                           " (a redirect); redirects are not followed.");
        }
        if (status != 200) {
            fail(part, "the server answered " + std::to_string(status) + ".");
        }
        contentType = lowered(response.getContentType());
        const std::string type = contentType.substr(0, contentType.find(';'));
        if (!openai::isSupportedImageType(type)) {
            fail(part,
                 "its Content-Type is '" + contentType +
                     "'; only image/png, image/jpeg, image/gif and image/webp are taken.",
                 "invalid_image");
        }
        if (response.hasContentLength() &&
            response.getContentLength64() > static_cast<Poco::Int64>(policy.maxBytes)) {
            fail(part,
                 "it is " + std::to_string(response.getContentLength64()) + " bytes; at most " +
                     std::to_string(policy.maxBytes) + " are fetched.",
                 "image_too_large");
        }
        // Each refill is one receive, given only the time left: a server that sends slowly
        // cannot stretch the fetch past its deadline (by more than one receive's wait).
        std::streambuf& source = *in.rdbuf();
        std::array<char, 16384> buffer{};
        for (;;) {
            session.socket().setReceiveTimeout(remaining(deadline, part));
            if (source.sgetc() == std::char_traits<char>::eof()) {
                break;
            }
            const auto ready = std::clamp<std::streamsize>(
                source.in_avail(), 1, static_cast<std::streamsize>(buffer.size()));
            const auto got = source.sgetn(buffer.data(), ready);
            body.append(buffer.data(), static_cast<std::size_t>(got));
            if (body.size() > policy.maxBytes) {
                fail(part, "it is larger than " + std::to_string(policy.maxBytes) + " bytes.",
                     "image_too_large");
            }
        }
        if (response.hasContentLength() &&
            static_cast<Poco::Int64>(body.size()) != response.getContentLength64()) {
            fail(part, "the download broke off after " + std::to_string(body.size()) + " of " +
                           std::to_string(response.getContentLength64()) + " bytes.");
        }
    } catch (const Poco::TimeoutException&) {
        fail(part, "the fetch took too long.");
    } catch (const Poco::Exception& error) {
        fail(part, "the fetch failed (" + error.displayText() + ").");
    }
    return body;
}

}  // namespace

void resolveRemoteMedia(openai::ChatRequest& request, const RemoteMediaPolicy& policy) {
    for (auto& message : request.messages) {
        for (auto& part : message.media) {
            if (part.remoteUrl.empty()) {
                continue;
            }
            if (!policy.enabled) {
                fail(part,
                     "the proxy does not fetch remote images (see the fetch-remote-images "
                     "setting); send the image as a data URL.",
                     "image_url_not_supported");
            }
            std::string contentType;
            const std::string bytes = fetch(part, policy, contentType);
            auto fetched = openai::imageFromBytes(bytes, contentType, part.remoteUrl, part.param);
            spdlog::debug("fetched {} ({} bytes, {})", shown(part.remoteUrl), bytes.size(),
                          fetched.mediaType);
            fetched.offset = part.offset;
            part = std::move(fetched);
        }
    }
}

}  // namespace claude_proxy::service
