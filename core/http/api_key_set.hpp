#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::http {

// True when `a` and `b` hold the same bytes. Every byte of the shorter one is compared whatever
// the outcome, so the time taken depends on the lengths only, never on where they differ.
bool constantTimeEqual(std::string_view a, std::string_view b);

// The API keys clients may present. Only SHA-256 digests of the keys are kept. A presented key
// is hashed too, and its digest compared with every stored digest in full, so neither the
// position of a differing byte, nor which key matched, nor a key's length shows in the time a
// check takes (beyond hashing the presented key, whose length the client knows anyway).
class ApiKeySet {
  public:
    ApiKeySet() = default;
    explicit ApiKeySet(const std::vector<std::string>& keys);

    bool empty() const { return digests_.empty(); }
    std::size_t size() const { return digests_.size(); }

    bool contains(std::string_view presented) const;

  private:
    std::vector<std::string> digests_;
};

}  // namespace claude_proxy::http
