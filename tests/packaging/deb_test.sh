#!/usr/bin/env bash
# packaging: deb — builds the Debian packages from the build tree with cpack, checks what is in
# them (files, modes, control fields, Depends, conffiles, maintainer scripts), unpacks them into a
# throwaway root (dpkg -x, nothing is installed on this machine), runs the unpacked server (it must
# find its plugins beside it and serve /health), and builds the SDK's example plugin against the
# unpacked SDK and loads it into the unpacked server.
set -euo pipefail
# shellcheck source=tests/packaging/lib.sh
source "$(dirname "$0")/lib.sh"
require_tools dpkg-deb dpkg-query readelf curl

arch=$(dpkg --print-architecture)
out="$WORK/packages"
run_logged "$WORK/cpack.log" "$CP_CPACK" -G DEB --config "$CP_BUILD_DIR/CPackConfig.cmake" -B "$out"
server_deb="$out/claude-proxy_${CP_VERSION}-1_${arch}.deb"
dev_deb="$out/claude-proxy-dev_${CP_VERSION}-1_all.deb"
[[ -f "$server_deb" ]] || fail "no $server_deb (cpack made: $(ls "$out"))"
[[ -f "$dev_deb" ]] || fail "no $dev_deb (cpack made: $(ls "$out"))"
pass "cpack made $(basename "$server_deb") and $(basename "$dev_deb")"

# --- contents: regular files with their modes, exactly.
regular_files() { dpkg-deb -c "$1" | awk '$1 ~ /^-/ {print $1, $6}'; }

mapfile -t plugins < <(shipped_plugins)
((${#plugins[@]} > 0)) || fail "no shipped plugins in $CP_BUILD_DIR/plugins"
{
    echo "-rw-r--r-- ./etc/claude-proxy/claude-proxy.properties"
    echo "-rwxr-xr-x ./usr/bin/claude-proxy"
    for plugin in "${plugins[@]}"; do
        echo "-rw-r--r-- ./usr/lib/claude-proxy/plugins/$plugin.so"
    done
    echo "-rw-r--r-- ./usr/lib/systemd/system/claude-proxy@.service"
    echo "-rw-r--r-- ./usr/share/doc/claude-proxy/README.md"
} >"$WORK/server.expected"
regular_files "$server_deb" >"$WORK/server.actual"
assert_same_lines "files of claude-proxy" "$WORK/server.expected" "$WORK/server.actual"
pass "claude-proxy holds the binary, the plugins (${plugins[*]}), the configuration, the unit"

regular_files "$dev_deb" | awk '{print $2}' >"$WORK/dev.actual"
for header in "$CP_SOURCE_DIR"/sdk/include/claude_proxy/*; do
    assert_contains "claude-proxy-dev header" "$WORK/dev.actual" \
        "^\./usr/include/claude_proxy/$(basename "$header")\$"
done
for file in ClaudeProxySDKConfig ClaudeProxySDKConfigVersion ClaudeProxySDKTargets \
    ClaudeProxySDKPlugin; do
    assert_contains "claude-proxy-dev CMake package" "$WORK/dev.actual" \
        "^\./usr/lib(/[^/]+)?/cmake/ClaudeProxySDK/$file\.cmake\$"
done
if grep -Ev '^\./usr/(include/claude_proxy/|lib(/[^/]+)?/cmake/ClaudeProxySDK/|share/doc/claude-proxy-sdk/)' \
    "$WORK/dev.actual"; then
    fail "claude-proxy-dev holds files outside the SDK's folders (above)"
fi
pass "claude-proxy-dev holds the SDK headers and the CMake package, nothing else"

# No test plugin, test or bench binary anywhere.
if cat "$WORK/server.actual" "$WORK/dev.actual" | grep -E 'test_plugin|plugin_probe|mock|bench'; then
    fail "a test or benchmark artefact was packaged (above)"
fi

# --- control fields.
field() { dpkg-deb -f "$1" "$2"; }
[[ $(field "$server_deb" Package) == claude-proxy ]] || fail "Package of the server package"
[[ $(field "$dev_deb" Package) == claude-proxy-dev ]] || fail "Package of the dev package"
for deb in "$server_deb" "$dev_deb"; do
    [[ $(field "$deb" Version) == "${CP_VERSION}-1" ]] || fail "$deb: Version $(field "$deb" Version)"
    [[ $(field "$deb" Maintainer) =~ ^.+\ \<.+@.+\>$ ]] || fail "$deb: Maintainer"
    [[ -n $(field "$deb" Description | head -n 1) ]] || fail "$deb: no Description"
done
[[ $(field "$server_deb" Architecture) == "$arch" ]] || fail "Architecture of the server package"
[[ $(field "$dev_deb" Architecture) == all ]] || fail "Architecture of the dev package"
[[ -z $(field "$dev_deb" Depends) ]] || fail "the header-only SDK depends on $(field "$dev_deb" Depends)"
[[ $(field "$dev_deb" Recommends) == *cmake* ]] || fail "the SDK should recommend cmake"

depends=$(field "$server_deb" Depends)
echo "Depends: $depends"
for library in libc6 'libstdc\+\+6' 'libpocofoundation[0-9]+' 'libpoconet[0-9]+' \
    'libpocoutil[0-9]+' 'libspdlog[0-9.]+(-fmt[0-9]+)?' 'libboost-filesystem[0-9.]+'; do
    pattern="[,|] (${library})[ ,]"
    [[ ", $depends," =~ $pattern ]] || fail "Depends lacks $library"
done
# Every dependency names a real package: here, where the server runs, one of each alternative
# is installed, or provided by an installed package.
dpkg-query -W -f='${db:Status-Abbrev} ${Package}, ${Provides}\n' |
    awk '$1 == "ii" {$1 = ""; print}' | tr ',' '\n' | awk 'NF {print $1}' | LC_ALL=C sort -u \
    >"$WORK/installed.txt"
IFS=',' read -ra groups <<<"$depends"
for group in "${groups[@]}"; do
    satisfied=false
    IFS='|' read -ra alternatives <<<"$group"
    for alternative in "${alternatives[@]}"; do
        name=$(awk '{print $1}' <<<"$alternative")
        grep -qxF -- "$name" "$WORK/installed.txt" && satisfied=true
    done
    $satisfied || fail "dependency '$group' is not installed or provided here"
done
# The fixed list used without dpkg-shlibdeps names the same packages.
CLAUDE_PROXY_DEB_SHLIBDEPS=OFF run_logged "$WORK/cpack-fixed.log" \
    "$CP_CPACK" -G DEB --config "$CP_BUILD_DIR/CPackConfig.cmake" -B "$WORK/packages-fixed"
package_names() { tr ',|' '\n' <<<"$1" | awk 'NF {print $1}' | LC_ALL=C sort -u; }
package_names "$depends" >"$WORK/depends.shlibdeps"
package_names "$(field "$WORK/packages-fixed/$(basename "$server_deb")" Depends)" >"$WORK/depends.fixed"
assert_same_lines "the fixed Depends list (packaging/CMakeLists.txt)" "$WORK/depends.shlibdeps" \
    "$WORK/depends.fixed"
pass "control fields; Depends: the runtime libraries, installed here, same as the fixed list"

# --- conffiles and maintainer scripts.
dpkg-deb -e "$server_deb" "$WORK/control"
[[ $(cat "$WORK/control/conffiles") == /etc/claude-proxy/claude-proxy.properties ]] ||
    fail "conffiles: $(cat "$WORK/control/conffiles")"
for script in postinst prerm postrm; do
    [[ -x "$WORK/control/$script" ]] || fail "$script is missing or not executable"
    sh -n "$WORK/control/$script" || fail "$script: syntax"
done
pass "conffiles names the configuration; postinst, prerm, postrm are there"

# --- unpack and run.
root="$WORK/root"
dpkg -x "$server_deb" "$root"
dpkg -x "$dev_deb" "$root"
unit="$root/usr/lib/systemd/system/claude-proxy@.service"
assert_contains "the packaged unit" "$unit" \
    '^ExecStart=/usr/bin/claude-proxy --config=/etc/claude-proxy/claude-proxy\.properties$'
if readelf -d "$root/usr/bin/claude-proxy" "$root"/usr/lib/claude-proxy/plugins/*.so |
    grep -E 'RPATH|RUNPATH'; then
    fail "a packaged ELF file carries a build-tree RPATH (above)"
fi
version=$("$root/usr/bin/claude-proxy" --version)
[[ "$version" == "claude-proxy $CP_VERSION" ]] || fail "--version printed '$version'"
pass "the unpacked binary runs: $version"

# A third-party plugin, built against the unpacked SDK only, installed where the server looks.
example="$WORK/example"
run_logged "$WORK/example-configure.log" "$CP_CMAKE" -S "$CP_SOURCE_DIR/sdk/examples/call_tag_handler" \
    -B "$example" -G "$CP_GENERATOR" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER="$CP_CXX_COMPILER" -DCMAKE_PREFIX_PATH="$root/usr" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
sdk_dir=$(grep -E '^ClaudeProxySDK_DIR:' "$example/CMakeCache.txt" | cut -d= -f2-)
[[ "$sdk_dir" == "$root"/usr/lib*/cmake/ClaudeProxySDK ]] ||
    fail "the example found the SDK at $sdk_dir, not in the unpacked package"
run_logged "$WORK/example-build.log" "$CP_CMAKE" --build "$example"
cp "$example/example.so" "$root/usr/lib/claude-proxy/plugins/"
pass "built the SDK example against the unpacked claude-proxy-dev"

start_server "$WORK/server.log" "$root/usr/bin/claude-proxy" \
    --config="$root/etc/claude-proxy/claude-proxy.properties"
assert_plugins_loaded "$root/usr/lib/claude-proxy/plugins" "${plugins[@]}" example
http_get /health "$WORK/health.json"
assert_contains "/health" "$WORK/health.json" '"status"'
http_get /v1/toolcall-modules "$WORK/modules.json"
for plugin in "${plugins[@]}" example; do
    assert_contains "/v1/toolcall-modules" "$WORK/modules.json" "\"name\": ?\"$plugin\""
done
stop_server
pass "the unpacked server loaded ${plugins[*]} and example from beside itself and served /health"
echo "packaging: deb passed"
