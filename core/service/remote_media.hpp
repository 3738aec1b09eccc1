#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "openai/chat_request.hpp"
#include "openai/media_part.hpp"

namespace claude_proxy::service {

// Whether and how the proxy fetches images a request gives by http(s) URL.
struct RemoteMediaPolicy {
    bool enabled = false;  // off: every remote image is a 400 image_url_not_supported
    // Host names (lower case, as written in the URL) fetched even when they resolve to an
    // address the rules forbid (loopback, private, …): for tests and trusted intranets.
    std::vector<std::string> allowHosts;
    std::size_t maxBytes = openai::kMaxImageBytes;
    std::chrono::milliseconds timeout{10000};  // the whole fetch of one image
};

// Fetches every image of `request` that came as an http(s) URL (MediaPart::remoteUrl) and puts
// its bytes in place, checked like a data URL's (openai/media_part.hpp). The rules: plain GET,
// no redirect followed (a 3xx is refused), status 200, a Content-Type of one of the four image
// types matching the bytes' magic number, at most `maxBytes`, within `timeout`. The host is
// resolved once; if any of its addresses is one forbiddenAddressKind() names, the image is
// refused, unless the host is in `allowHosts`; the connection goes to the address that was
// checked, never to a name resolved again. https is refused: this build fetches over http
// only. Every failure is a 400 ApiError (code image_url_not_supported when fetching is off or
// the scheme is https, image_fetch_failed otherwise, or the image checks' own codes) naming the
// part and, in its message, the URL. Does I/O; does nothing for a request without remote
// images.
void resolveRemoteMedia(openai::ChatRequest& request, const RemoteMediaPolicy& policy);

}  // namespace claude_proxy::service
