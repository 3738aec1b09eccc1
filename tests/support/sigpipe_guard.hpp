#pragma once

namespace claude_proxy::test_support {

// Makes writes to a closed pipe or socket fail with EPIPE instead of killing the test
// process with SIGPIPE. Idempotent and thread-safe; every helper that writes calls it.
void ignoreSigpipe();

}  // namespace claude_proxy::test_support
