#!/bin/sh
# test_build.sh - the build itself, cheaply (make -n, fake files; nothing is compiled):
#   - `make figures` plots existing data and never recomputes it, even when the figure
#     programs are newer than the data (a merged cluster run on a fresh checkout);
#     missing data, and REDO=1, do run the program; an explicit PROFILE that the data
#     do not hold stops with a message, and so do explicit SEEDS; DRY=1 only estimates;
#   - tests/run.sh reads "N passed, M failed, K skipped" and the older two-number form,
#     sums the skips, ends with that line and exits 1 on a failure.
# Prints a line per check and "N passed, M failed, K skipped" last.
unset MAKEFLAGS MFLAGS MAKELEVEL # an independent make, not a part of the one running the tests
passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | tail -15; failed=$((failed + 1)); }
root=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/dam-test-build.XXXXXX")
trap 'rm -rf "$T"' EXIT

# ---- a copy of what the figure rules read, with fake data and fake programs --------
mkdir -p "$T/repo/bench" "$T/repo/examples" "$T/repo/scripts" "$T/repo/data/mnist" "$T/repo/build/examples"
cp "$root/Makefile" "$root/dam.h" "$T/repo/"
cp "$root"/examples/*.c "$root"/examples/*.h "$root"/examples/*.gp "$T/repo/examples/"
cp "$root"/scripts/*.sh "$T/repo/scripts/"
cp "$root"/bench/*.c "$T/repo/bench/"
cd "$T/repo" || exit 1
figs=$(ls examples/fig[0-9][0-9]_*.c | sed 's|examples/\(.*\)\.c|\1|')
for f in $figs; do printf '# figure: %s\n# profile: paper\n1 2\n' "$f" > "data/$f.dat"; done
touch data/mnist/train-images-idx3-ubyte
sleep 1
# the programs (and everything they are built from) newer than the data
touch dam.h examples/*
for f in $figs verify; do printf '#!/bin/sh\nexit 0\n' > "build/examples/$f"; chmod +x "build/examples/$f"; done
touch build/examples/*
runs() { grep -c -- '--profile' "$1"; }

make -n figures > "$T/plain.log" 2>&1
if [ "$(runs "$T/plain.log")" -eq 0 ] && grep -q 'plot.sh fig05_rehearsal' "$T/plain.log"; then ok figures_plots_existing_data_without_recomputing
else bad figures_plots_existing_data_without_recomputing "$T/plain.log"; fi

n=$(echo "$figs" | wc -l)
make -n figures REDO=1 > "$T/redo.log" 2>&1
if [ "$(runs "$T/redo.log")" -eq "$n" ]; then ok figures_redo_recomputes_every_figure
else bad figures_redo_recomputes_every_figure "$T/redo.log"; fi

make -n data/fig05_rehearsal.dat REDO=1 > "$T/one.log" 2>&1
if [ "$(runs "$T/one.log")" -eq 1 ] && grep -q 'fig05_rehearsal --profile' "$T/one.log"; then ok redo_one_figure
else bad redo_one_figure "$T/one.log"; fi

rm data/fig03_vanilla_matrix.dat
mkdir -p plots
for f in $figs; do : > "plots/$f.png"; done # committed plots, newer than everything
make -n figures > "$T/missing.log" 2>&1
if [ "$(runs "$T/missing.log")" -eq 1 ] && grep -q 'fig03_vanilla_matrix --profile' "$T/missing.log"; then ok figures_makes_only_missing_data
else bad figures_makes_only_missing_data "$T/missing.log"; fi
printf '# figure: fig03_vanilla_matrix\n# profile: paper\n1 2\n' > data/fig03_vanilla_matrix.dat

if make -n figures PROFILE=quick > "$T/profile.log" 2>&1; then bad explicit_other_profile_stops "$T/profile.log"
elif [ "$(runs "$T/profile.log")" -eq 0 ] && grep -q 'another profile than quick' "$T/profile.log"; then ok explicit_other_profile_stops
else bad explicit_other_profile_stops "$T/profile.log"; fi

make -n figures PROFILE=paper > "$T/same.log" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(runs "$T/same.log")" -eq 0 ] && ! grep -q 'another profile' "$T/same.log"; then ok explicit_same_profile_plots
else bad explicit_same_profile_plots "$T/same.log"; fi

# explicit SEEDS that the data do not hold stop too (issue 14); DRY=1 only estimates
if make -n figures PROFILE=paper SEEDS="7 8" > "$T/seeds.log" 2>&1; then bad explicit_other_seeds_stop "$T/seeds.log"
elif [ "$(runs "$T/seeds.log")" -eq 0 ] && grep -q 'other seeds than SEEDS="7 8"' "$T/seeds.log"; then ok explicit_other_seeds_stop
else bad explicit_other_seeds_stop "$T/seeds.log"; fi
make -n figures PROFILE=paper DRY=1 > "$T/dry.log" 2>&1
if [ "$(runs "$T/dry.log")" -eq 0 ] && grep -q 'runs.sh --dry paper' "$T/dry.log"; then ok figures_dry_only_estimates
else bad figures_dry_only_estimates "$T/dry.log"; fi

# ---- rebuilds: a changed header rebuilds what includes it, and only that ------------
# (-o: the config and commit stamps count as unchanged, so make -n shows only real work)
mkdir -p build/obj
sleep 1
for f in build/config build/commit build/obj/dam.o build/obj/omp_passive.o build/examples/train_mnist; do : > "$f"; done
mk() { make -n -o build/config -o build/commit build/examples/train_mnist 2>&1; }
if ! mk | grep -q '  CC '; then ok rebuild_nothing_when_nothing_changed; else mk > "$T/r0.log"; bad rebuild_nothing_when_nothing_changed "$T/r0.log"; fi
sleep 1; touch examples/cli.h
mk > "$T/r1.log"
if grep -q 'CC      build/examples/train_mnist' "$T/r1.log" && ! grep -q 'build/obj/dam.o;' "$T/r1.log"; then ok rebuild_after_examples_header
else bad rebuild_after_examples_header "$T/r1.log"; fi
sleep 1; touch dam.h
mk > "$T/r2.log"
if grep -q 'CC      build/obj/dam.o' "$T/r2.log" && grep -q 'CC      build/examples/train_mnist' "$T/r2.log"; then ok rebuild_after_dam_h
else bad rebuild_after_dam_h "$T/r2.log"; fi

# ---- scripts/need.sh (never installs here: DAM_NEED_NO_INSTALL) ---------------------
out=$(DAM_NEED_NO_INSTALL=1 "$root/scripts/need.sh" sh 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -z "$out" ]; then ok need_present_is_silent; else bad need_present_is_silent; fi
DAM_NEED_NO_INSTALL=1 "$root/scripts/need.sh" sh dam-no-such-tool gnuplot-no-such > "$T/need.log" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q 'dam-no-such-tool is missing' "$T/need.log" && grep -q 'sudo apt-get install dam-no-such-tool' "$T/need.log" &&
   ! grep -q 'sh is missing' "$T/need.log"; then ok need_names_what_is_missing
else bad need_names_what_is_missing "$T/need.log"; fi
DAM_NEED_NO_INSTALL=1 "$root/scripts/need.sh" --optional dam-no-such-tool > "$T/need2.log" 2>&1; rc=$?
if [ $rc -eq 3 ]; then ok need_optional_exit_3; else bad need_optional_exit_3 "$T/need2.log"; fi

# ---- tests/run.sh on fake suites ---------------------------------------------------
cd "$root" || exit 1
fake() { # file exit-code lines...
    f=$1; code=$2; shift 2
    { echo '#!/bin/sh'; for l in "$@"; do echo "echo '$l'"; done; echo "exit $code"; } > "$f"
    chmod +x "$f"
}
mkdir -p "$T/b/tests"
fake "$T/b/tests/test_cpp" 0
fake "$T/b/tests/test_static" 0
fake "$T/b/tests/test_main" 0 "ok   a" "SKIP b: not in this build" "1 passed, 0 failed, 1 skipped"
fake "$T/b/tests/test_main_float" 0 "ok   a" "ok   b" "2 passed, 0 failed"
fake "$T/b/tests/test_main_noomp" 0 "SKIP c: no OpenMP" "SKIP d: no OpenMP" "0 passed, 0 failed, 2 skipped"
# (no CBLAS and no example programs in this fake build: two more counted SKIPs)
DAM_TEST_BUILD_INNER=1 tests/run.sh "$T/b" > "$T/run.log" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(tail -n 1 "$T/run.log")" = "5 passed, 0 failed, 5 skipped" ] &&
   grep -q '^SKIP \[double\] b: not in this build$' "$T/run.log"; then ok run_sh_sums_skips_and_old_form
else bad run_sh_sums_skips_and_old_form "$T/run.log"; fi
fake "$T/b/tests/test_main_float" 1 "FAIL a" "ok   b" "1 passed, 1 failed"
DAM_TEST_BUILD_INNER=1 tests/run.sh "$T/b" > "$T/run2.log" 2>&1; rc=$?
if [ $rc -eq 1 ] && [ "$(tail -n 1 "$T/run2.log")" = "4 passed, 1 failed, 5 skipped" ]; then ok run_sh_failure_exits_1
else bad run_sh_failure_exits_1 "$T/run2.log"; fi
fake "$T/b/tests/test_main_float" 1 "ok   a" "Segmentation fault"
DAM_TEST_BUILD_INNER=1 tests/run.sh "$T/b" > "$T/run3.log" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q 'FAIL \[float\] crashed' "$T/run3.log"; then ok run_sh_crash_is_a_failure
else bad run_sh_crash_is_a_failure "$T/run3.log"; fi

echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
