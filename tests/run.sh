#!/bin/sh
# run.sh - the whole test suite: build checks (C++, DAM_STATIC in two translation
# units, the float build) and the unit tests of the double and float builds. Prints a
# line per test and, last, "N passed, M failed" alone on its line; exits 1 on failure.
# Usage: tests/run.sh BUILD_DIR   (the Makefile builds the binaries first)
B=${1:-build}
passed=0
failed=0
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
    sed "s/^\(ok  \|FAIL\) /\1 [$label] /" "$B/tests/$label.log" | grep -v '^[0-9]* passed, [0-9]* failed$'
    last=$(tail -n 1 "$B/tests/$label.log")
    p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
    f=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
    if [ -z "$p" ]; then echo "FAIL [$label] crashed or did not finish"; failed=$((failed + 1)); return; fi
    passed=$((passed + p)); failed=$((failed + f))
}
check build_cpp "$B/tests/test_cpp"
check build_static_two_units "$B/tests/test_static"
suite double "$B/tests/test_main"
suite float "$B/tests/test_main_float"
suite no-openmp "$B/tests/test_main_noomp"
[ -x "$B/tests/test_main_cblas" ] && OPENBLAS_NUM_THREADS=1 suite cblas "$B/tests/test_main_cblas"
[ -x "$B/examples/train_mnist" ] && suite examples tests/test_examples.sh "$B"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
