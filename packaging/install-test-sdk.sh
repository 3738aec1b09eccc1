#!/usr/bin/env bash
# Installs the official openai npm SDK (and zod), pinned in tests/sdk_js/package-lock.json, into
# tests/sdk_js/node_modules for the SDK integration tests. Does nothing when it is there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/tests/sdk_js"
wanted=$(node -p "require('$dir/package.json').dependencies.openai")
if [[ -f "$dir/node_modules/openai/package.json" ]] &&
    [[ $(node -p "require('$dir/node_modules/openai/package.json').version") == "$wanted" ]]; then
    echo "install-test-sdk: openai $wanted already installed"
    exit 0
fi
echo "install-test-sdk: installing openai $wanted into $dir/node_modules"
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
