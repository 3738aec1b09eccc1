#!/usr/bin/env bash
# The benchmark: claude-proxy's overhead against the bare claude CLI, both run with the same
# flags on the same mock Anthropic API (see the README's "Performance" section). Installs what is
# missing (packages, the pinned claude CLI), builds the proxy, the mock and the harness, and runs
# it. Arguments go to the harness, e.g. `bench/run.sh --runs 8`; `--help` lists them.
# Everything runs on 127.0.0.1; it needs no login and sends nothing to Anthropic.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/packaging/install-deps.sh" --test
"$root/packaging/install-test-cli.sh"
cmake --preset default -S "$root" -DCLAUDE_PROXY_BUILD_TESTS=ON >/dev/null
cmake --build "$root/build" --target claude-proxy mock-anthropic claude_proxy_bench
exec "$root/build/bench/claude_proxy_bench" "$@"
