#!/usr/bin/env bash
# One command from a fresh Debian machine to a running server: installs what is missing,
# builds, and starts claude-proxy on 127.0.0.1:8088. Extra arguments go to the server
# (e.g. --port=9000); see build/core/claude-proxy --help.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/packaging/install-deps.sh"
cmake --preset default -S "$root" -DCLAUDE_PROXY_BUILD_TESTS=OFF >/dev/null
# Everything the server runs with: the binary and the tool-call handler plugins it loads from
# build/plugins when started from the build tree.
cmake --build "$root/build"
exec "$root/build/core/claude-proxy" "$@"
