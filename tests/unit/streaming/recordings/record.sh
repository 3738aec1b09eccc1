#!/usr/bin/env bash
# Re-records the stream-json fixtures from the pinned claude CLI and the mock Anthropic API.
# Run after moving the pin (tests/claude-cli-version), from a built tree:
#   tests/unit/streaming/recordings/record.sh build/tests/mock_anthropic/mock-anthropic
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
mock=${1:?path to the mock-anthropic binary}
cli=${CLAUDE_PROXY_TEST_CLI:-$root/.deps/claude-cli/node_modules/.bin/claude}
scratch=$(mktemp -d)
trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT

"$mock" --port 0 > "$scratch/mock.out" &
mock_pid=$!
for _ in $(seq 1 100); do grep -q listening "$scratch/mock.out" 2>/dev/null && break; sleep 0.05; done
port=$(grep -o '[0-9]*$' "$scratch/mock.out")
: > "$scratch/system.txt"
mkdir -p "$scratch/home" "$scratch/work"

record() {  # record NAME PROMPT [ENV=VALUE ...]; $flags: more CLI flags
    local name=$1 prompt=$2
    shift 2
    (cd "$scratch/work" && printf '%s' "$prompt" | env -i PATH="$PATH" HOME="$scratch/home" \
        ANTHROPIC_BASE_URL="http://127.0.0.1:$port" ANTHROPIC_API_KEY=sk-dummy \
        DISABLE_AUTOUPDATER=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 \
        CLAUDE_CODE_MAX_RETRIES=0 "$@" \
        "$cli" -p --output-format=stream-json --verbose --include-partial-messages --tools= \
        --setting-sources= --strict-mcp-config --no-session-persistence \
        --disable-slash-commands --max-turns=1 --model=sonnet \
        --system-prompt-file="$scratch/system.txt" ${flags:-} > "$here/$name.jsonl") || true
    echo "recorded $name: $(wc -l < "$here/$name.jsonl") lines"
}

utf8=$(printf 'caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac' | base64 -w0)
record plain "say hi"
record utf8 "MOCK:reply64=$utf8"
record thinking "MOCK:thinking"
record rate_limited "MOCK:status=429"
record retried_then_failed "MOCK:status=529" CLAUDE_CODE_MAX_RETRIES=1
record midstream_error_no_fallback "MOCK:midstream-error" CLAUDE_CODE_DISABLE_NONSTREAMING_FALLBACK=1
record midstream_error_with_fallback "MOCK:midstream-error"
record native_tool_use "$(printf 'Checking. MOCK:tool_use=get_weather MOCK:reply64=%s' "$(printf 'Checking.' | base64 -w0)")"
record max_tokens "MOCK:stop=max_tokens MOCK:reply64=$(printf 'cut short' | base64 -w0)"
# The output-token limit set: the CLI still continues after max_tokens by itself (the proxy
# ends it at the first message_delta that says max_tokens).
record max_tokens_limited "MOCK:stop=max_tokens MOCK:reply64=$(printf 'first part' | base64 -w0)" \
    CLAUDE_CODE_MAX_OUTPUT_TOKENS=37
person='{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}'
flags="--json-schema=$person" record structured_output \
    "MOCK:tool_use=StructuredOutput MOCK:tool-input64=$(printf '{"name":"Ada"}' | base64 -w0) MOCK:reply64=$(printf 'Here. ' | base64 -w0)"
flags="--json-schema=$person" record structured_output_missing "no tool call"
record thinking_streamed "MOCK:thinking MOCK:reply64=$(printf 'after thought' | base64 -w0)"
