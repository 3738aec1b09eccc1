#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include <claude_proxy/toolcall_handler.hpp>

#include "common/call_decoder.hpp"

namespace claude_proxy::plugins {

class StreamMachine;

// The streaming scan made resumable, for a reply that arrives in pieces: feed() gives exactly
// what safeProtocolPrefix() (common/reply_assembly.hpp) gives for the text fed so far, but
// looks at each new byte about once instead of rescanning from byte 0, so a whole reply costs
// O(length) however it is cut up. It keeps a copy of the text (call bodies are decoded from
// it) until the first call block, after which its answer is fixed and it keeps nothing more.
//
// One object per reply, used by one thread at a time. `resolve` (and whatever it refers to,
// e.g. the request's tools) must outlive the scanner.
//
// One known limit, shared with the complete scan: a <tool_call> tag whose JSON turns out not
// to be a call is looked past from the byte after its '<', so tags nested in the JSON of other
// tags make their bytes be looked at once per enclosing tag (bounded by the JSON depth limit
// for brackets, not for strings).
class ReplyStreamScanner final : public sdk::StreamScanner {
  public:
    explicit ReplyStreamScanner(NameResolver resolve);
    ~ReplyStreamScanner() override;
    ReplyStreamScanner(const ReplyStreamScanner&) = delete;
    ReplyStreamScanner& operator=(const ReplyStreamScanner&) = delete;

    // Appends `delta` and returns the safe length of the whole text so far.
    std::size_t feed(std::string_view delta) override;

    // How many byte visits the scan has made so far (each loop step over a byte, each byte of
    // a decoded body, each backward step when trimming): what the tests bound, instead of time.
    std::size_t work() const;

  private:
    std::unique_ptr<StreamMachine> machine_;
};

}  // namespace claude_proxy::plugins
