#!/usr/bin/env bash
# packaging: docker — no Docker engine runs here, so the image is checked from its sources: the
# Dockerfile's build stage runs exactly the README's commands for building the packages, the
# runtime stage installs the server package (binary, plugins, configuration: what the deb test
# checks) and the CLI and nothing of the user's login, runs as uid 1000, exposes 8088 with a
# health check; compose.yaml publishes on loopback only and mounts the login; the entry point
# seeds ~/.claude.json. hadolint runs too when it is installed.
set -euo pipefail
# shellcheck source=tests/packaging/lib.sh
source "$(dirname "$0")/lib.sh"
: "${CP_SERVER_BINARY:?}"

docker_dir="$CP_SOURCE_DIR/packaging/docker"
dockerfile="$docker_dir/Dockerfile"
compose="$docker_dir/compose.yaml"
readme="$CP_SOURCE_DIR/README.md"

# The Dockerfile as logical instructions: continuations joined, comments dropped.
logical="$WORK/Dockerfile.logical"
sed -e '/^[[:space:]]*#/d' "$dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n[[:space:]]*/ /; ta' |
    sed -e 's/[[:space:]][[:space:]]*/ /g' >"$logical"
# stage NAME-REGEX: the instructions of one stage.
stage() { awk -v from="$1" '/^FROM / {inside = ($0 ~ from)} inside' "$logical"; }
stage '^FROM debian:12 AS build$' >"$WORK/build.stage"
stage '^FROM debian:12-slim AS cli$' >"$WORK/cli.stage"
stage '^FROM debian:12-slim$' >"$WORK/runtime.stage"
for name in build cli runtime; do
    [[ -s "$WORK/$name.stage" ]] || fail "the Dockerfile has no $name stage (FROM lines changed?)"
done
[[ $(grep -c '^FROM ' "$logical") == 3 ]] || fail "the Dockerfile should have three stages"
[[ $(grep '^FROM ' "$logical" | tail -n 1) == 'FROM debian:12-slim' ]] ||
    fail "the last stage (the image) must be debian:12-slim"

# --- the build stage runs the README's commands, no more, no fewer.
section="$WORK/readme-install.md"
awk '/^## Install: Debian package, systemd, Docker$/ {inside = 1; next} /^## / {inside = 0} inside' \
    "$readme" >"$section"
[[ -s "$section" ]] || fail "README.md has no section '## Install: Debian package, systemd, Docker'"
grep -E '^    (\./packaging/install-deps\.sh|cmake --preset|cmake --build)' "$section" |
    sed 's/^    //; s/[[:space:]]*$//' >"$WORK/readme.commands"
grep '^RUN ' "$WORK/build.stage" | sed 's/^RUN //; s/ && /\n/g' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' \
    >"$WORK/docker.commands"
[[ $(wc -l <"$WORK/readme.commands") -ge 3 ]] || fail "README.md lists no build commands"
assert_same_lines "build commands: README.md (-) against the Dockerfile's build stage (+)" \
    "$WORK/readme.commands" "$WORK/docker.commands"
# shellcheck disable=SC2016 # the ${...} are literal text in those files
grep -qF '"binaryDir": "${sourceDir}/build"' "$CP_SOURCE_DIR/CMakePresets.json" ||
    fail "the preset's build folder moved; the Dockerfile copies /src/build/packages"
# shellcheck disable=SC2016
grep -qF 'CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages"' \
    "$CP_SOURCE_DIR/packaging/CMakeLists.txt" || fail "the packages no longer land in build/packages"
pass "the build stage runs the README's commands: $(paste -sd';' "$WORK/docker.commands")"

# --- the runtime stage: the server package with its Depends, the CLI, curl; no login baked in.
assert_contains "runtime stage" "$WORK/runtime.stage" \
    '^COPY --from=build /src/build/packages/claude-proxy_\*\.deb /tmp/packages/$'
assert_contains "runtime stage" "$WORK/runtime.stage" \
    '^RUN apt-get update && apt-get install -y --no-install-recommends .*curl.* /tmp/packages/claude-proxy_\*\.deb'
assert_contains "runtime stage" "$WORK/runtime.stage" 'claude-proxy --version'
assert_contains "runtime stage" "$WORK/runtime.stage" '^COPY --from=cli /opt/claude /usr/local/bin/claude$'
assert_contains "runtime stage" "$WORK/runtime.stage" \
    '^COPY packaging/docker/entrypoint\.sh /usr/local/bin/claude-proxy-entrypoint$'
[[ -x "$docker_dir/entrypoint.sh" ]] || fail "entrypoint.sh is not executable (COPY keeps the mode)"
assert_contains "runtime stage" "$WORK/runtime.stage" '^ENTRYPOINT \["/usr/bin/tini", "--", "/usr/local/bin/claude-proxy-entrypoint"\]$'
assert_contains "runtime stage" "$WORK/runtime.stage" '^ARG CLAUDE_UID=1000$'
assert_contains "runtime stage" "$WORK/runtime.stage" 'useradd --uid "\$\{CLAUDE_UID\}"'
assert_contains "runtime stage" "$WORK/runtime.stage" '^USER claude$'
assert_contains "runtime stage" "$WORK/runtime.stage" '^ENV CLAUDE_PROXY_HOST=0\.0\.0\.0 CLAUDE_PROXY_PORT=8088$'
assert_contains "runtime stage" "$WORK/runtime.stage" '^EXPOSE 8088$'
assert_contains "runtime stage" "$WORK/runtime.stage" \
    '^HEALTHCHECK .* CMD curl .*http://127\.0\.0\.1:\$\{CLAUDE_PROXY_PORT\}/health'
if grep -E '(^|[^A-Za-z0-9_-])\.claude(\.json)?([^A-Za-z0-9_.-]|$)|credentials' "$logical"; then
    fail "the Dockerfile touches a claude login (above): it must be mounted at run time"
fi
for pattern in '^\.git$' '^build\*$' '^\.deps$' '^\.claude$' '^\.claude\.json$'; do
    assert_contains ".dockerignore" "$CP_SOURCE_DIR/.dockerignore" "$pattern"
done
pass "the runtime stage installs the server package, the CLI and curl, runs as claude (uid 1000)"

# --- the CLI: the version the tests run, unless overridden.
cli_version=$(tr -d '[:space:]' <"$CP_SOURCE_DIR/tests/claude-cli-version")
assert_contains "cli stage" "$WORK/cli.stage" "^ARG CLAUDE_CLI_VERSION=${cli_version//./\\.}\$"
assert_contains "cli stage" "$WORK/cli.stage" 'npm install --global .*"@anthropic-ai/claude-code@\$\{CLAUDE_CLI_VERSION\}"'
pass "the image's claude CLI is $cli_version, as in tests/claude-cli-version"

# --- compose.yaml.
assert_contains "compose.yaml ports" "$compose" '^      - "127\.0\.0\.1:8088:8088"$'
if grep -E '^      - "?[0-9]+:[0-9]+' "$compose"; then
    fail "compose.yaml publishes a port on every interface (above)"
fi
assert_contains "compose.yaml" "$compose" '^      CLAUDE_PROXY_API_KEYS: \$\{CLAUDE_PROXY_API_KEYS:-\}$'
assert_contains "compose.yaml" "$compose" '^        source: \$\{HOME\}/\.claude$'
assert_contains "compose.yaml" "$compose" '^        target: /home/claude/\.claude$'
assert_contains "compose.yaml" "$compose" '^        source: \$\{HOME\}/\.claude\.json$'
assert_contains "compose.yaml" "$compose" '^      dockerfile: packaging/docker/Dockerfile$'
assert_contains "compose.yaml" "$compose" '^      context: \.\./\.\.$'
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
    python3 - "$compose" <<'EOF' || fail "compose.yaml does not have the expected structure"
import sys, yaml
service = yaml.safe_load(open(sys.argv[1]))["services"]["claude-proxy"]
assert service["ports"] == ["127.0.0.1:8088:8088"], service["ports"]
volumes = {v["target"]: v for v in service["volumes"]}
home = volumes["/home/claude/.claude"]
assert home["source"] == "${HOME}/.claude" and not home.get("read_only"), home
seed = volumes[service["environment"]["HOST_CLAUDE_JSON"]]
assert seed["source"] == "${HOME}/.claude.json" and seed["read_only"] is True, seed
assert all(v["bind"]["create_host_path"] is False for v in service["volumes"])
assert "CLAUDE_PROXY_API_KEYS" in service["environment"]
EOF
    pass "compose.yaml parses (PyYAML) with the expected ports, volumes and environment"
fi
pass "compose.yaml: loopback port, ~/.claude mounted, API keys from the environment"

# --- the entry point seeds ~/.claude.json once, private, then runs the server with the arguments.
mkdir -p "$WORK/bin" "$WORK/home"
ln -s "$CP_SERVER_BINARY" "$WORK/bin/claude-proxy"
printf '{"seed": 1}\n' >"$WORK/host.json"
run_entrypoint() {
    env -i PATH="$WORK/bin:/usr/bin:/bin" HOME="$WORK/home" HOST_CLAUDE_JSON="$WORK/host.json" \
        "$docker_dir/entrypoint.sh" --version
}
[[ $(run_entrypoint) == "claude-proxy $CP_VERSION" ]] || fail "the entry point did not run the server"
cmp -s "$WORK/host.json" "$WORK/home/.claude.json" || fail "the entry point did not seed ~/.claude.json"
[[ $(stat -c %a "$WORK/home/.claude.json") == 600 ]] || fail "the seeded ~/.claude.json is not private"
printf '{"seed": 2}\n' >"$WORK/host.json"
run_entrypoint >/dev/null
grep -q '"seed": 1' "$WORK/home/.claude.json" || fail "the entry point overwrote the CLI's own copy"
pass "entrypoint.sh seeds ~/.claude.json (0600) once and runs the server"

if command -v hadolint >/dev/null 2>&1; then
    hadolint "$dockerfile" || fail "hadolint"
    pass "hadolint"
else
    echo "hadolint is not installed (not in Debian 12 or npm): only the checks above ran"
fi
echo "packaging: docker passed"
