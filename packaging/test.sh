#!/usr/bin/env bash
# One command from a fresh Debian machine to a full test run: installs what is missing
# (packages and the pinned claude CLI), builds with warnings as errors, runs every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/packaging/install-deps.sh" --test
"$root/packaging/install-test-cli.sh"
"$root/packaging/install-test-sdk.sh"
cmake --preset ci -S "$root" -DCLAUDE_PROXY_BUILD_TESTS=ON >/dev/null
cmake --build "$root/build"
cd "$root/build"
ctest --output-on-failure --parallel 2 --timeout 300
