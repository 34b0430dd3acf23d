#!/bin/sh
# run.sh - the whole test suite: build checks (C++, DAM_STATIC in two translation
# units, the float build) and the unit tests of the double and float builds. Prints a
# line per test ("ok   name", "FAIL name", "SKIP name: reason") and, last,
# "N passed, M failed, K skipped" alone on its line; exits 1 on failure. A suite may end
# with "N passed, M failed, K skipped" or the older "N passed, M failed".
# Usage: tests/run.sh BUILD_DIR   (the Makefile builds the binaries first)
B=${1:-build}
# OpenMP threads sleep rather than spin while they wait (as the programs we build do,
# bench/omp_passive.c): on a busy machine spinning made the 2-thread tests 3x slower
if [ -z "${OMP_WAIT_POLICY:-}" ] && [ -z "${GOMP_SPINCOUNT:-}" ]; then export OMP_WAIT_POLICY=passive; fi
passed=0
failed=0
skipped=0
check() { # name command...
    name=$1; shift
    if "$@" > "$B/tests/$name.log" 2>&1; then
        echo "ok   $name"; passed=$((passed + 1))
    else
        echo "FAIL $name"; sed 's/^/    /' "$B/tests/$name.log" | tail -20; failed=$((failed + 1))
    fi
}
suite() { # label binary [args...]
    label=$1; bin=$2; shift 2
    if [ ! -x "$bin" ]; then echo "FAIL $label (not built)"; failed=$((failed + 1)); return; fi
    "$bin" "$@" > "$B/tests/$label.log" 2>&1
    total='^[0-9][0-9]* passed, [0-9][0-9]* failed\(, [0-9][0-9]* skipped\)\{0,1\}$'
    sed "s/^\(ok  \|FAIL\|SKIP\) /\1 [$label] /" "$B/tests/$label.log" | grep -v "$total"
    last=$(tail -n 1 "$B/tests/$label.log")
    if ! echo "$last" | grep -q "$total"; then echo "FAIL [$label] crashed or did not finish"; failed=$((failed + 1)); return; fi
    set -- $last
    p=$1 f=$3 k=${5:-0}
    skipped=$((skipped + k))
    passed=$((passed + p)); failed=$((failed + f))
}
check build_cpp "$B/tests/test_cpp"
check build_static_two_units "$B/tests/test_static"
suite double "$B/tests/test_main"
suite float "$B/tests/test_main_float"
suite no-openmp "$B/tests/test_main_noomp"
[ -x "$B/tests/test_main_cblas" ] && OPENBLAS_NUM_THREADS=1 suite cblas "$B/tests/test_main_cblas"
[ -x "$B/examples/train_mnist" ] && suite examples tests/test_examples.sh "$B"
[ -z "${DAM_TEST_BUILD_INNER:-}" ] && suite build tests/test_build.sh
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
