#!/usr/bin/env bash
# Builds and runs the whole test suite: the unit, golden and CLI tests, then the same suite
# under valgrind and in a build with AddressSanitizer and UndefinedBehaviorSanitizer.
# Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
# Runs one `meson test` invocation and adds its counts to the totals.
run_suite() {
    local label=$1; shift
    echo "== $label"
    local log
    log=$(mktemp)
    meson test "$@" --print-errorlogs 2>&1 | tee "$log" | grep -E "^ *[0-9]+/[0-9]+ |^(Ok|Fail|Timeout):"
    local ok fail timeout
    ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    if [ -z "$ok" ]; then
        echo "meson test did not run ($label):"
        tail -n 30 "$log"
        failed=$((failed + 1))
    else
        passed=$((passed + ok))
        failed=$((failed + ${fail:-0} + ${timeout:-0}))
    fi
    rm -f "$log"
}

build_dir() {
    local dir=$1; shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >/dev/null || return 1
    fi
    meson compile -C "$dir" >/dev/null 2>"$dir.log" || { cat "$dir.log"; return 1; }
}

if build_dir build; then
    run_suite "tests" -C build
    run_suite "unit tests under valgrind" -C build --setup valgrind
    run_suite "CLI tests under valgrind" -C build --setup valgrindcli --suite cli
else
    echo "build failed"
    failed=$((failed + 1))
fi
if build_dir build-asan -Db_sanitize=address,undefined -Db_lundef=false; then
    run_suite "tests with AddressSanitizer and UBSan" -C build-asan --setup asan
else
    echo "sanitizer build failed"
    failed=$((failed + 1))
fi
# Each fuzz target for a bounded time under libFuzzer, ASan and UBSan, from the saved corpus
# (tests/fuzz/corpus); a crash is a failure, and the input that caused it is kept in fuzz-out/.
if CC=clang-14 build_dir build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false; then
    echo "== fuzzing, ${SG_FUZZ_SECONDS:-30} s per target"
    mkdir -p fuzz-out
    for t in dot csv graphml iati pipeline; do
        work=$(mktemp -d)
        cp tests/fuzz/corpus/$t/* "$work/"
        if ASAN_OPTIONS=detect_leaks=1 \
           LSAN_OPTIONS=fast_unwind_on_malloc=0:suppressions=$PWD/tests/lsan.supp \
           build-fuzz/tests/fuzz/fuzz_$t -max_total_time="${SG_FUZZ_SECONDS:-30}" \
               -rss_limit_mb=4096 -max_len=8192 -timeout=60 -artifact_prefix=fuzz-out/$t- \
               "$work" >"fuzz-out/$t.log" 2>&1; then
            echo "fuzz $t: ok ($(grep -o 'Done [0-9]* runs' "fuzz-out/$t.log"))"
            passed=$((passed + 1))
        else
            echo "fuzz $t: FAILED"; tail -n 30 "fuzz-out/$t.log"
            failed=$((failed + 1))
        fi
        rm -rf "$work"
    done
else
    echo "fuzzing build failed"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
