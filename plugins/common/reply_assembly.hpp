#pragma once

#include <cstddef>
#include <string_view>

#include <claude_proxy/toolcall_handler.hpp>

#include "common/call_decoder.hpp"
#include "common/reply_scanner.hpp"

// From scanned call blocks to what the host gets: the reply's content and calls, and during
// streaming the length of the prefix that is already certain to be content.
namespace claude_proxy::plugins {

// The reply with its call blocks cut out, and the calls in order. Where blocks were removed the
// whitespace around them is folded: the text before a block loses its trailing whitespace, the
// text after it loses its leading whitespace, and when both sides have text they are joined by
// the whitespace that stood before the block (or after it, or a blank line when there was
// none). Text that no block touches, including the reply's own leading whitespace, is kept
// byte for byte. With parallelToolCalls false only the first call is kept (later blocks are
// still removed: the model was told to make one call and wait for its result).
sdk::ParsedReply assembleReply(std::string_view reply, const ReplyScan& scan,
                               bool parallelToolCalls);

// parseReply for a whole reply.
sdk::ParsedReply parseProtocolReply(std::string_view reply, const NameResolver& resolve,
                                    bool parallelToolCalls);

// How many leading bytes of `replySoFar` are content whatever follows: everything before the
// first call block or pending position, minus the whitespace right before it (a removed block
// takes its leading whitespace with it) and minus an unfinished UTF-8 sequence at the end.
// Never shrinks as the text grows, and parseProtocolReply(full).content starts with it.
std::size_t safeProtocolPrefix(std::string_view replySoFar, const NameResolver& resolve);

}  // namespace claude_proxy::plugins
