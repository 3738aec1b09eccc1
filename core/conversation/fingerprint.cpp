#include "conversation/fingerprint.hpp"

#include <Poco/SHA2Engine.h>

namespace claude_proxy::conversation {
namespace {

bool isSystem(openai::Role role) {
    return role == openai::Role::System || role == openai::Role::Developer;
}

// Every field as "<length>:<bytes>", so that no two different field lists feed the same bytes.
class Hasher {
  public:
    Hasher() : engine_(Poco::SHA2Engine::SHA_256) {}

    Hasher& field(std::string_view value) {
        const std::string length = std::to_string(value.size()) + ":";
        engine_.update(length.data(), length.size());
        if (!value.empty()) {
            engine_.update(value.data(), value.size());
        }
        return *this;
    }

    Digest digest() {
        const auto& bytes = engine_.digest();
        return Digest(bytes.begin(), bytes.end());
    }

  private:
    Poco::SHA2Engine engine_;
};

}  // namespace

Digest headerDigest(const ConversationHeader& header) {
    return Hasher()
        .field("claude-proxy conversation v1")
        .field(header.scope)
        .field(header.model)
        .field(header.systemPrompt)
        .field(header.appendMode ? "append" : "replace")
        .field(header.handler)
        .field(header.jsonSchema)
        .digest();
}

Digest extend(const Digest& previous, const openai::ChatMessage& message) {
    Hasher hasher;
    hasher.field(previous)
        .field(openai::roleName(message.role))
        .field(message.content)
        .field(message.name)
        .field(message.toolCallId)
        .field(std::to_string(message.toolCalls.size()));
    for (const auto& call : message.toolCalls) {
        hasher.field(call.id).field(call.name).field(call.argumentsJson);
    }
    // Images and PDFs, only when there are any (a text-only message keeps the digest it always
    // had, so conversations kept before media existed still match).
    if (!message.media.empty()) {
        hasher.field("media").field(std::to_string(message.media.size()));
        for (const auto& part : message.media) {
            hasher.field(part.mediaType).field(part.base64).field(std::to_string(part.offset));
        }
    }
    return hasher.digest();
}

std::vector<Digest> prefixDigests(const Digest& header,
                                  const std::vector<openai::ChatMessage>& messages) {
    std::vector<Digest> digests;
    digests.reserve(messages.size() + 1);
    digests.push_back(header);
    for (const auto& message : messages) {
        if (!isSystem(message.role)) {
            digests.push_back(extend(digests.back(), message));
        }
    }
    return digests;
}

std::string routingKey(const std::vector<openai::ChatMessage>& messages) {
    for (const auto& message : messages) {
        if (!isSystem(message.role)) {
            Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
            engine.update(message.content);
            return Poco::DigestEngine::digestToHex(engine.digest());
        }
    }
    return {};
}

std::string shortHex(const Digest& digest, std::size_t bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < digest.size() && i < bytes; ++i) {
        const auto byte = static_cast<unsigned char>(digest[i]);
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0x0f]);
    }
    return out;
}

}  // namespace claude_proxy::conversation
