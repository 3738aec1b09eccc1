#!/usr/bin/env bash
# packaging: systemd unit — the installed claude-proxy@.service passes `systemd-analyze verify`
# without a single message (its ExecStart names the binary just installed into a temp prefix),
# keeps the hardening it documents, and its exposure score stays low.
set -euo pipefail
# shellcheck source=tests/packaging/lib.sh
source "$(dirname "$0")/lib.sh"
require_tools systemd-analyze

prefix="$WORK/prefix"
run_logged "$WORK/install.log" "$CP_CMAKE" --install "$CP_BUILD_DIR" --component server \
    --prefix "$prefix"
unit="$prefix/lib/systemd/system/claude-proxy@.service"
[[ -f "$unit" ]] || fail "no unit at $unit"

# verify_unit FILE OUTPUT: systemd-analyze verify, offline (no running systemd is needed).
verify_unit() {
    local status=0
    SYSTEMD_LOG_COLOR=0 timeout 60 systemd-analyze verify --man=no "$1" >"$2" 2>&1 || status=$?
    return "$status"
}

# The check must be able to fail: a unit with an unknown key and a bad value is reported.
broken="$WORK/broken/claude-proxy-broken@.service"
mkdir -p "$(dirname "$broken")"
sed -e 's/^PrivateTmp=yes$/PrivateTmp=yes\nNoSuchKey=1\nProtectSystem=sometimes/' "$unit" >"$broken"
verify_unit "$broken" "$WORK/broken.out" || true
if ! grep -q 'NoSuchKey' "$WORK/broken.out" || ! grep -q 'sometimes' "$WORK/broken.out"; then
    fail "systemd-analyze verify did not report a broken unit: $(cat "$WORK/broken.out")"
fi

if ! verify_unit "$unit" "$WORK/verify.out" || [[ -s "$WORK/verify.out" ]]; then
    cat "$WORK/verify.out" >&2
    fail "systemd-analyze verify $unit reported the above"
fi
pass "systemd-analyze verify: no errors, no warnings"

# The settings the unit's comments explain; removing one should be a decision, not an accident.
for line in 'User=%i' 'ExecStart=.*/bin/claude-proxy --config=.*/claude-proxy\.properties' \
    'Restart=on-failure' 'KillMode=control-group' 'TimeoutStopSec=[0-9]+s' \
    'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=read-only' \
    'ReadWritePaths=-/home/%i' 'PrivateTmp=yes' 'PrivateDevices=yes' \
    'ProtectKernelTunables=yes' 'ProtectKernelModules=yes' 'ProtectKernelLogs=yes' \
    'ProtectControlGroups=yes' 'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6( AF_NETLINK)?' \
    'RestrictNamespaces=yes' 'LockPersonality=yes' 'SystemCallArchitectures=native' \
    'MemoryDenyWriteExecute=no' 'CapabilityBoundingSet='; do
    assert_contains "the unit" "$unit" "^$line\$"
done
stop_seconds=$(sed -n 's/^TimeoutStopSec=\([0-9]*\)s$/\1/p' "$unit")
# Default shutdown: 30 s grace + 2 s kill grace + 10 s for request threads.
((stop_seconds >= 42)) || fail "TimeoutStopSec=${stop_seconds}s leaves no room for the 42 s shutdown"
# %h names root's home in a system unit, whatever User= says: never use it here.
if grep -v '^#' "$unit" | grep -n '%h'; then
    fail "the unit uses %h (above)"
fi
pass "the unit keeps its hardening and per-user settings"

SYSTEMD_LOG_COLOR=0 timeout 60 systemd-analyze security --offline=yes --no-pager "$unit" \
    >"$WORK/security.out" 2>&1 || true
exposure=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$WORK/security.out")
[[ -n "$exposure" ]] || {
    cat "$WORK/security.out" >&2
    fail "systemd-analyze security printed no exposure level"
}
awk -v e="$exposure" 'BEGIN { exit !(e <= 4.0) }' ||
    fail "exposure level $exposure is above 4.0: hardening was lost"
pass "systemd-analyze security: exposure $exposure"
echo "packaging: systemd unit passed"
