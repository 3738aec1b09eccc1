#!/usr/bin/env bash
# Installs the Debian packages claude-proxy needs, and only those that are missing.
# Usage: packaging/install-deps.sh [--package | --test]
#   --package  adds what building the Debian packages needs (cmake --build build --target package)
#   --test     adds that and what the test suite needs
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(g++ cmake ninja-build libpoco-dev rapidjson-dev libboost-dev libboost-filesystem-dev
          libspdlog-dev doctest-dev)
# dpkg-shlibdeps (dpkg-dev) computes the package's Depends; CPack finds the ELF files with file.
package_tools=(dpkg-dev file)
case "${1:-}" in
    "") ;;
    --package) packages+=("${package_tools[@]}") ;;
    --test)
        # npm installs the pinned claude CLI the integration tests run; clang-format checks style;
        # promtool (package prometheus) validates the /metrics output. The packaging tests build
        # the packages, check the systemd unit (systemd-analyze, package systemd) and the shell
        # scripts (shellcheck), and ask the installed server for /health (curl).
        # The scale-out test runs Debian's nginx with its JavaScript module in front of two
        # instances.
        # clang and its runtimes (libclang-rt-14-dev: libFuzzer, ASan, UBSan) build the sanitizer
        # tree and the fuzzers.
        packages+=(nodejs npm clang-format prometheus "${package_tools[@]}" systemd shellcheck curl
            nginx-light libnginx-mod-http-js clang libclang-rt-14-dev)
        ;;
    *)
        echo "usage: $0 [--package | --test]" >&2
        exit 2
        ;;
esac

missing=()
for package in "${packages[@]}"; do
    # A tool already on PATH (e.g. a newer node/npm than Debian's) counts as present.
    case "$package" in
        nodejs) command -v node >/dev/null 2>&1 && continue ;;
        npm | cmake | clang-format | clang) command -v "$package" >/dev/null 2>&1 && continue ;;
        prometheus) command -v promtool >/dev/null 2>&1 && continue ;;
        g++) command -v g++ >/dev/null 2>&1 && continue ;;
        ninja-build) command -v ninja >/dev/null 2>&1 && continue ;;
        dpkg-dev) command -v dpkg-shlibdeps >/dev/null 2>&1 && continue ;;
        systemd) command -v systemd-analyze >/dev/null 2>&1 && continue ;;
        file | shellcheck | curl) command -v "$package" >/dev/null 2>&1 && continue ;;
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
