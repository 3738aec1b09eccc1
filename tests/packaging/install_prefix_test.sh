#!/usr/bin/env bash
# packaging: install prefix — `cmake --install` into a temp prefix lays out exactly the documented
# files, split between the components server and sdk with nothing left over; the installed binary,
# started with no flags but the address, finds <prefix>/lib/claude-proxy/plugins and
# <prefix>/etc/claude-proxy/claude-proxy.properties; a second install keeps a changed
# configuration.
set -euo pipefail
# shellcheck source=tests/packaging/lib.sh
source "$(dirname "$0")/lib.sh"
require_tools curl

prefix="$WORK/prefix"
run_logged "$WORK/install.log" "$CP_CMAKE" --install "$CP_BUILD_DIR" --prefix "$prefix"

files_under() { (cd "$1" && find . -type f -o -type l) | sed 's|^\./||' | LC_ALL=C sort; }

mapfile -t plugins < <(shipped_plugins)
((${#plugins[@]} > 0)) || fail "no shipped plugins in $CP_BUILD_DIR/plugins"
libdir=$(grep -E '^CMAKE_INSTALL_LIBDIR:' "$CP_BUILD_DIR/CMakeCache.txt" | cut -d= -f2-)
{
    echo "bin/claude-proxy"
    for plugin in "${plugins[@]}"; do
        echo "lib/claude-proxy/plugins/$plugin.so"
    done
    echo "etc/claude-proxy/claude-proxy.properties"
    echo "lib/systemd/system/claude-proxy@.service"
    echo "share/doc/claude-proxy/README.md"
} >"$WORK/server.expected"
{
    for header in "$CP_SOURCE_DIR"/sdk/include/claude_proxy/*; do
        echo "include/claude_proxy/$(basename "$header")"
    done
    for file in ClaudeProxySDKConfig ClaudeProxySDKConfigVersion ClaudeProxySDKTargets \
        ClaudeProxySDKPlugin; do
        echo "$libdir/cmake/ClaudeProxySDK/$file.cmake"
    done
    (cd "$CP_SOURCE_DIR/sdk" && echo README.md && find examples -type f) |
        sed 's|^|share/doc/claude-proxy-sdk/|'
} >"$WORK/sdk.expected"
cat "$WORK/server.expected" "$WORK/sdk.expected" >"$WORK/all.expected"
files_under "$prefix" >"$WORK/all.actual"
assert_same_lines "cmake --install --prefix $prefix" "$WORK/all.expected" "$WORK/all.actual"
pass "the install layout: binary, plugins (${plugins[*]}), configuration, unit, SDK"

for component in server sdk; do
    run_logged "$WORK/install-$component.log" "$CP_CMAKE" --install "$CP_BUILD_DIR" \
        --component "$component" --prefix "$WORK/$component"
    files_under "$WORK/$component" >"$WORK/$component.actual"
    assert_same_lines "component $component" "$WORK/$component.expected" "$WORK/$component.actual"
done
pass "components: server and sdk split the files, nothing is in neither"

unit="$prefix/lib/systemd/system/claude-proxy@.service"
assert_contains "the unit of a prefix install" "$unit" \
    "^ExecStart=${prefix//./\\.}/bin/claude-proxy --config=${prefix//./\\.}/etc/claude-proxy/claude-proxy\.properties\$"
pass "the unit runs <prefix>/bin/claude-proxy with <prefix>/etc/claude-proxy"

# No flags: the plugins and the configuration are found from the binary's place.
config="$prefix/etc/claude-proxy/claude-proxy.properties"
start_server "$WORK/server-1.log" "$prefix/bin/claude-proxy"
assert_plugins_loaded "$prefix/lib/claude-proxy/plugins" "${plugins[@]}"
http_get /health "$WORK/health-1.json"
stop_server
pass "the installed server found its plugins in <prefix>/lib/claude-proxy/plugins"

# A changed configuration survives another install and is what the server reads.
printf '# changed by the packaging test\nmax-concurrency = 3\n' >"$config"
run_logged "$WORK/reinstall.log" "$CP_CMAKE" --install "$CP_BUILD_DIR" --prefix "$prefix"
assert_contains "the configuration after a second install" "$config" '^max-concurrency = 3$'
start_server "$WORK/server-2.log" "$prefix/bin/claude-proxy"
http_get /health "$WORK/health-2.json"
assert_contains "/health with the installed configuration" "$WORK/health-2.json" \
    '"max_concurrency": ?3[,}]'
stop_server
pass "the installed server read <prefix>/etc/claude-proxy/claude-proxy.properties (no --config)"
echo "packaging: install prefix passed"
