#!/usr/bin/env bash
# The load-and-fault run (see the README's "Load and fault run"). Like bench/run.sh it installs
# what is missing (packages, the pinned claude CLI), builds the proxy, the mock Anthropic API,
# the plugins and the harness, and runs it. Arguments go to the harness: none gives the short
# form CTest runs, `tests/soak/run.sh --full` the full one; `--help` lists the options.
# Everything runs on 127.0.0.1; it needs no login and sends nothing to Anthropic.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/packaging/install-deps.sh" --test
"$root/packaging/install-test-cli.sh"
cmake --preset default -S "$root" -DCLAUDE_PROXY_BUILD_TESTS=ON >/dev/null
cmake --build "$root/build" --target claude-proxy mock-anthropic generic evonic claude_proxy_soak
exec "$root/build/tests/soak/claude_proxy_soak" "$@"
