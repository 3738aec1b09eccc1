#!/usr/bin/env bash
# Installs the Debian packages claude-proxy needs, and only those that are missing.
# Usage: packaging/install-deps.sh [--test]   (--test adds what the test suite needs)
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(g++ cmake ninja-build libpoco-dev rapidjson-dev libboost-dev libboost-filesystem-dev
          libspdlog-dev doctest-dev)
if [[ "${1:-}" == "--test" ]]; then
    # npm installs the pinned claude CLI the integration tests run; clang-format checks style;
    # promtool (package prometheus) validates the /metrics output.
    packages+=(nodejs npm clang-format prometheus)
fi

missing=()
for package in "${packages[@]}"; do
    # A tool already on PATH (e.g. a newer node/npm than Debian's) counts as present.
    case "$package" in
        nodejs) command -v node >/dev/null 2>&1 && continue ;;
        npm | cmake | clang-format) command -v "$package" >/dev/null 2>&1 && continue ;;
        prometheus) command -v promtool >/dev/null 2>&1 && continue ;;
        g++) command -v g++ >/dev/null 2>&1 && continue ;;
        ninja-build) command -v ninja >/dev/null 2>&1 && continue ;;
    esac
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: everything needed is installed"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
