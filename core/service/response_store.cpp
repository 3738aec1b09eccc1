#include "service/response_store.hpp"

namespace claude_proxy::service {
namespace {

std::string keyOf(const std::string& scope, const std::string& id) {
    return scope + '\n' + id;
}

}  // namespace

std::uint64_t storedSize(const openai::ChatMessage& message) {
    std::uint64_t size =
        message.content.size() + message.name.size() + message.toolCallId.size() + 64;
    for (const auto& call : message.toolCalls) {
        size += call.id.size() + call.name.size() + call.argumentsJson.size() + 32;
    }
    for (const auto& media : message.media) {
        size += media.mediaType.size() + media.base64.size() + 32;
    }
    return size;
}

ResponseStore::ResponseStore(Limits limits, Clock clock)
    : limits_(limits), clock_(std::move(clock)) {}

void ResponseStore::put(const std::string& id, const std::string& scope, Entry entry) {
    if (!enabled()) {
        return;
    }
    std::uint64_t size = entry.responseJson.size() + id.size() + scope.size();
    for (const auto& message : entry.conversation) {
        size += storedSize(message);
    }
    const std::lock_guard lock(mutex_);
    const std::string key = keyOf(scope, id);
    if (const auto found = byKey_.find(key); found != byKey_.end()) {
        dropSlot(found->second);
    }
    if (size > limits_.maxBytes) {
        return;
    }
    order_.push_back(Slot{key, std::move(entry), size, clock_()});
    byKey_[key] = std::prev(order_.end());
    bytes_ += size;
    dropOldestPastLimits();
}

std::optional<ResponseStore::Entry> ResponseStore::find(const std::string& id,
                                                        const std::string& scope) {
    const std::lock_guard lock(mutex_);
    dropExpired(clock_());
    const auto found = byKey_.find(keyOf(scope, id));
    if (found == byKey_.end()) {
        return std::nullopt;
    }
    return found->second->entry;
}

bool ResponseStore::erase(const std::string& id, const std::string& scope) {
    const std::lock_guard lock(mutex_);
    dropExpired(clock_());
    const auto found = byKey_.find(keyOf(scope, id));
    if (found == byKey_.end()) {
        return false;
    }
    dropSlot(found->second);
    return true;
}

std::size_t ResponseStore::size() const {
    const std::lock_guard lock(mutex_);
    return order_.size();
}

std::uint64_t ResponseStore::bytes() const {
    const std::lock_guard lock(mutex_);
    return bytes_;
}

void ResponseStore::dropSlot(std::list<Slot>::iterator slot) {
    bytes_ -= slot->bytes;
    byKey_.erase(slot->key);
    order_.erase(slot);
}

void ResponseStore::dropOldestPastLimits() {
    while (!order_.empty() && (order_.size() > limits_.maxResponses || bytes_ > limits_.maxBytes)) {
        dropSlot(order_.begin());
    }
}

void ResponseStore::dropExpired(std::chrono::steady_clock::time_point now) {
    while (!order_.empty() && now - order_.front().storedAt >= limits_.maxAge) {
        dropSlot(order_.begin());
    }
}

}  // namespace claude_proxy::service
