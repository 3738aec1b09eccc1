# Shared helpers of the packaging tests (sourced, not run). CTest passes the build's facts in the
# environment (tests/packaging/CMakeLists.txt):
#   CP_SOURCE_DIR CP_BUILD_DIR CP_VERSION CP_CMAKE CP_CPACK CP_GENERATOR CP_CXX_COMPILER
# Every test works in its own temp directory, removed on exit together with any server it started.
# Servers listen on 127.0.0.1 only, on a port the kernel picks.

: "${CP_SOURCE_DIR:?} ${CP_BUILD_DIR:?} ${CP_VERSION:?} ${CP_CMAKE:?} ${CP_CPACK:?}"
: "${CP_GENERATOR:?} ${CP_CXX_COMPILER:?}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/claude-proxy-packaging.XXXXXX")
SERVER_PID=""
SERVER_LOG=""
SERVER_URL=""

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

pass() {
    echo "ok: $*"
}

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 ||
            fail "$tool is missing (packaging/install-deps.sh --test installs it)"
    done
}

# run_logged LOG COMMAND...: runs COMMAND with its output in LOG; on failure shows LOG and fails.
run_logged() {
    local log=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        fail "command failed: $*"
    fi
}

# assert_same_lines WHAT EXPECTED_FILE ACTUAL_FILE: the two sorted line sets are equal.
assert_same_lines() {
    local what=$1 expected=$2 actual=$3
    if ! diff -u <(LC_ALL=C sort -u "$expected") <(LC_ALL=C sort -u "$actual") >"$WORK/diff.txt"; then
        cat "$WORK/diff.txt" >&2
        fail "$what: differs from what is expected (- expected, + actual)"
    fi
}

# assert_contains WHAT FILE PATTERN: FILE has a line matching the extended regex PATTERN.
assert_contains() {
    local what=$1 file=$2 pattern=$3
    grep -Eq -- "$pattern" "$file" || {
        echo "--- $file" >&2
        cat "$file" >&2
        fail "$what: no line matches /$pattern/"
    }
}

# wait_for_log PATTERN SECONDS: polls the server log for an extended regex until a deadline; fails
# at once when the server exits before.
wait_for_log() {
    local pattern=$1 seconds=$2
    local deadline=$((SECONDS + seconds))
    until grep -Eq -- "$pattern" "$SERVER_LOG"; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$SERVER_LOG" >&2
            fail "the server exited before logging /$pattern/"
        fi
        if ((SECONDS >= deadline)); then
            cat "$SERVER_LOG" >&2
            fail "no /$pattern/ in the server log within ${seconds}s"
        fi
        sleep 0.1
    done
}

# start_server LOG BINARY ARGS...: starts BINARY on 127.0.0.1, a free port, with a clean
# environment (no CLAUDE_PROXY_* from the caller) and no claude CLI; waits until it listens and
# sets SERVER_URL.
start_server() {
    SERVER_LOG=$1
    local binary=$2
    shift 2
    mkdir -p "$WORK/home"
    env -i PATH=/usr/bin:/bin HOME="$WORK/home" TMPDIR="$WORK" LANG=C.UTF-8 \
        "$binary" --host=127.0.0.1 --port=0 --claude-bin="$WORK/no-claude-cli" "$@" \
        >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    wait_for_log 'listening on http://127\.0\.0\.1:[0-9]+' 30
    SERVER_URL=$(grep -Eo 'listening on http://127\.0\.0\.1:[0-9]+' "$SERVER_LOG" | head -n 1 |
        sed 's/^listening on //')
}

# stop_server: SIGTERM, then waits (bounded) for a clean exit with status 0.
stop_server() {
    kill -TERM "$SERVER_PID"
    local deadline=$((SECONDS + 25))
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            cat "$SERVER_LOG" >&2
            fail "the server did not stop within 25s of SIGTERM"
        fi
        sleep 0.1
    done
    local status=0
    wait "$SERVER_PID" || status=$?
    SERVER_PID=""
    ((status == 0)) || {
        cat "$SERVER_LOG" >&2
        fail "the server exited with status $status after SIGTERM"
    }
}

# http_get PATH OUTPUT: GET from the running server (loopback only, bounded).
http_get() {
    curl --fail --silent --show-error --max-time 10 --noproxy '*' "$SERVER_URL$1" -o "$2" ||
        fail "GET $1 failed"
}

# assert_plugins_loaded DIR NAME...: the server log says each plugin was loaded from DIR.
assert_plugins_loaded() {
    local dir=$1
    shift
    local name
    for name in "$@"; do
        assert_contains "plugin $name" "$SERVER_LOG" \
            "tool-call module '$name' .* loaded from ${dir//./\\.}/$name\.so"
    done
}

# The shipped plugins: what the build wrote to <build>/plugins (test plugins are built elsewhere).
shipped_plugins() {
    local so
    for so in "$CP_BUILD_DIR"/plugins/*.so; do
        [[ -e "$so" ]] && basename "$so" .so
    done
}
