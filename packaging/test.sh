#!/usr/bin/env bash
# One command from a fresh Debian machine to a full test run: installs what is missing
# (packages and the pinned claude CLI), builds with warnings as errors, runs every test; then
# the sanitizer tree (preset "sanitize": clang, ASan+UBSan, libFuzzer) with the unit suites
# listed below, the fuzz corpus replays and a short run of every fuzzer (README.md, "Fuzzing
# and sanitizers").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/packaging/install-deps.sh" --test
"$root/packaging/install-test-cli.sh"
"$root/packaging/install-test-sdk.sh"
cmake --preset ci -S "$root" -DCLAUDE_PROXY_BUILD_TESTS=ON >/dev/null
cmake --build "$root/build"
cd "$root/build"
ctest --output-on-failure --parallel 2 --timeout 300

# The sanitizer tree: only the targets its tests need (see README.md for what runs and why).
cmake --preset sanitize -S "$root" >/dev/null
sanitized_units=(unit_json_tests unit_openai_tests unit_streaming_tests unit_plugin_tests
                 unit_app_tests unit_metrics_tests)
fuzzers=(chat_request transcript stream_event stream_translator chunk_renderer generic_reply
         evonic_reply config_text)
targets=("${sanitized_units[@]}")
for fuzzer in "${fuzzers[@]}"; do
    targets+=("fuzz_$fuzzer" "fuzz_replay_$fuzzer")
done
cmake --build "$root/build-sanitize" --target "${targets[@]}"
cd "$root/build-sanitize"
export UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
suites=$(printf '%s|' "${sanitized_units[@]}" | sed 's/unit_\([a-z]*\)_tests/\1/g; s/plugin|/plugins|/; s/|$//')
ctest --output-on-failure --parallel 2 --timeout 300 -R "^(($suites):|fuzz-)"
