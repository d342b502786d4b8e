#!/bin/sh
# run-tests.sh BUILD: runs every test suite of the project against the binaries in BUILD and
# prints one closing line "N passed, N failed" over all of them (C unit, API, browser).
# A suite that crashes or prints no summary counts as one failure.
set -u
build=${1:-build-san}
root=$(pwd)
export KTV_BIN="$root/$build/ktvoffice" KTV_ROOT="$root"
export KTV_SHARED="${KTV_SHARED:-$root/../shared}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
passed=0
failed=0
log_dir="$build/test-logs"
mkdir -p "$log_dir"

count() { # $1 suite name, $2 output file, $3 exit code
    line=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
    if [ -z "$line" ]; then
        echo "$1: crashed or printed no summary (exit $3); see $2"
        failed=$((failed + 1))
        return
    fi
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/')
    f=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/')
    if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "$1: exited $3 with no failed test (sanitizer report?); see $2"
        f=1
    fi
    echo "$line"
    passed=$((passed + p))
    failed=$((failed + f))
}

for t in $(find "$build/tests" -type f -perm -u+x | sort); do
    name=$(echo "$t" | sed "s|^$build/tests/||")
    out="$log_dir/$(echo "$name" | tr '/' '_').log"
    "$t" >"$out" 2>&1
    rc=$?
    count "$name" "$out" "$rc"
    if [ "$rc" -ne 0 ]; then grep -E 'FAIL|not ok|ERROR|runtime error' "$out" | head -n 20; fi
done

if [ -f tests/browser/run.mjs ]; then
    out="$log_dir/browser.log"
    node tests/browser/run.mjs >"$out" 2>&1
    rc=$?
    count browser "$out" "$rc"
    if [ "$rc" -ne 0 ]; then grep -E 'FAIL|not ok|Error' "$out" | head -n 20; fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
