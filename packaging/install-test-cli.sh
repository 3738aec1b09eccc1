#!/usr/bin/env bash
# Installs the pinned claude CLI (npm @anthropic-ai/claude-code) into .deps/claude-cli for the
# integration tests and benchmarks. The version lives in tests/claude-cli-version.
# Does nothing when that version is already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(tr -d '[:space:]' < "$root/tests/claude-cli-version")
prefix="$root/.deps/claude-cli"
cli="$prefix/node_modules/.bin/claude"

if [[ -x "$cli" ]] && "$cli" --version 2>/dev/null | grep -q "^$version "; then
    echo "install-test-cli: claude $version already installed at $cli"
    exit 0
fi
echo "install-test-cli: installing @anthropic-ai/claude-code@$version into $prefix"
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
    "@anthropic-ai/claude-code@$version"
"$cli" --version
