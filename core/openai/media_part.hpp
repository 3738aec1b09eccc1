#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "openai/chat_request.hpp"

// Images and PDF documents of a request as the model takes them: parsed from `data:` URLs,
// checked (media type, base64, the file's magic number, size), or recorded as a remote URL that
// service/remote_media resolves later. Shared by every API surface that accepts media
// (chat completions `image_url`/`file` parts, the Responses API's `input_image`). Pure.
namespace claude_proxy::openai {

// Anthropic takes at most ~5 MB per image and 100 images per request; a PDF is bounded by the
// request (32 MB upstream; the proxy's body limit is smaller by default).
inline constexpr std::size_t kMaxImageBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxDocumentBytes = 32 * 1024 * 1024;
inline constexpr std::size_t kMaxMediaPerRequest = 100;

// True for the image types the model takes: image/png, image/jpeg, image/gif, image/webp.
bool isSupportedImageType(std::string_view mediaType);

// The image type whose magic number `bytes` starts with ("image/png", …), or "" for none of
// the four.
std::string_view sniffImageType(std::string_view bytes);

// The decoded bytes of strict standard base64 (alphabet A-Z a-z 0-9 + /, length a multiple of
// 4, at most two '=' at the end); nullopt for anything else. Only the first `limit` decoded
// bytes are produced (the whole text is checked regardless).
std::optional<std::string> decodeBase64Prefix(std::string_view text, std::size_t limit);

// The number of bytes strict base64 `text` decodes to (its length must be a multiple of 4).
std::size_t decodedSize(std::string_view text);

// An image given by URL, with its optional `detail` ("auto", "low", "high"; "" when absent).
// A `data:` URL must name one of the four image types, be base64-encoded, decode, start with
// that type's magic number and decode to at most kMaxImageBytes: the result holds the type
// (lower case) and the base64 text. An http(s) URL is not fetched here: the result holds only
// `remoteUrl` (and `param`), for resolveRemoteMedia. Anything else, and a bad `detail`, throws a
// 400 ApiError: `param` names the URL (e.g. "messages[1].content[2].image_url.url"),
// `detailParam` the detail field (when empty: `param` with its last ".name" replaced by
// ".detail"). Codes: invalid_image (not a data or http(s) URL, no media type, not base64, bad
// base64, unsupported type, wrong magic number), image_too_large, invalid_value (detail).
MediaPart parseImageUrl(std::string_view url, std::string_view detail, const std::string& param,
                        const std::string& detailParam = "");

// The bytes of a fetched image checked like a data URL's: `contentType` (its header, parameters
// ignored) must be one of the four types and match the magic number; at most kMaxImageBytes.
// Throws the same 400s naming `param` (the message names `url`).
MediaPart imageFromBytes(std::string_view bytes, std::string_view contentType, std::string_view url,
                         const std::string& param);

// A PDF given as a `data:application/pdf;base64,…` URL (a `file` part's `file_data`): it must
// decode, start with "%PDF-" and stay within kMaxDocumentBytes. Throws a 400 naming `param`
// (code invalid_file) otherwise.
MediaPart parsePdfDataUrl(std::string_view url, const std::string& param);

// Refuses (400 too_many_images, naming the first part past the limit) messages holding more
// than kMaxMediaPerRequest images and documents in all.
void checkMediaCount(const std::vector<ChatMessage>& messages);

// True for a part that is a document (a PDF) rather than an image.
bool isDocument(const MediaPart& part);

}  // namespace claude_proxy::openai
