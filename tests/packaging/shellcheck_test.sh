#!/usr/bin/env bash
# packaging: scripts — every shell script of packaging/ and of these tests passes shellcheck
# (bash scripts as bash; the dpkg maintainer scripts, run by /bin/sh, as POSIX sh) and starts with
# the strict mode its kind allows.
set -euo pipefail
# shellcheck source=tests/packaging/lib.sh
source "$(dirname "$0")/lib.sh"
require_tools shellcheck

cd "$CP_SOURCE_DIR"
bash_scripts=(packaging/*.sh packaging/docker/*.sh tests/packaging/*.sh)
sh_scripts=(packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm)
((${#bash_scripts[@]} >= 8)) || fail "found only ${bash_scripts[*]}"

shellcheck --shell=bash --external-sources "${bash_scripts[@]}" || fail "shellcheck (bash scripts)"
shellcheck --shell=sh "${sh_scripts[@]}" || fail "shellcheck (maintainer scripts)"
for script in "${bash_scripts[@]}"; do
    [[ "$script" == tests/packaging/lib.sh ]] && continue # sourced: its callers set the mode
    grep -qx 'set -euo pipefail' "$script" || fail "$script lacks 'set -euo pipefail'"
done
for script in "${sh_scripts[@]}"; do
    grep -qx 'set -e' "$script" || fail "$script lacks 'set -e'"
done
pass "shellcheck: ${bash_scripts[*]} ${sh_scripts[*]}"
echo "packaging: scripts passed"
