#!/bin/bash
# test_examples.sh BUILD_DIR - the examples end to end on a generated MNIST look-alike
# (tests/make_fixture.c), so no download is needed: train_mnist's output format and
# exit codes, the sequence tool, every figure program in the smoke profile (the .dat
# pipeline, and the plots when gnuplot is present), and make verify's reader.
# Prints a line per check and "N passed, M failed" last.
B=${1:-build}
FX=$B/fixture
OUT=$B/smoke
passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | tail -15; failed=$((failed + 1)); }
# expect NAME CODE CMD... : run CMD, keep its output in $OUT/NAME.log, check the exit code
expect() {
    name=$1; code=$2; shift 2
    "$@" > "$OUT/$name.log" 2>&1
    rc=$?
    if [ "$rc" -eq "$code" ]; then ok "$name"; else echo "    exit $rc, expected $code" >> "$OUT/$name.log"; bad "$name" "$OUT/$name.log"; fi
}
rm -rf "$OUT" "$FX"
mkdir -p "$OUT" "$FX/mnist" "$FX/bad"
if ! "$B/tests/make_fixture" "$FX/mnist" 1000 500; then bad make_fixture; echo "$passed passed, $failed failed"; exit 1; fi
ok make_fixture

# train_mnist: the last line is exactly "test accuracy: 0.xxxx (ties: N)" and it learns
T=$B/examples/train_mnist
expect train_mnist_runs 0 $T --data-dir "$FX/mnist" --train-items 1000 --test-items 500 --epochs 8 --batch 100 --n 3
if tail -n 1 "$OUT/train_mnist_runs.log" | grep -Eq '^test accuracy: (0\.9[0-9]{3}|1\.0000) \(ties: [0-9]+\)$'; then ok train_mnist_output_line
else bad train_mnist_output_line "$OUT/train_mnist_runs.log"; fi
expect train_mnist_help 0 $T --help
expect train_mnist_n_zero 2 $T --data-dir "$FX/mnist" --n 0
grep -q "n = 0" "$OUT/train_mnist_n_zero.log" && ok train_mnist_n_zero_says_why || bad train_mnist_n_zero_says_why "$OUT/train_mnist_n_zero.log"
expect train_mnist_memories_zero 2 $T --data-dir "$FX/mnist" --memories 0
expect train_mnist_temperature_negative 2 $T --data-dir "$FX/mnist" --temperature -1
expect train_mnist_lr_nan 2 $T --data-dir "$FX/mnist" --lr nan
expect train_mnist_unknown_flag 2 $T --bogus 1
expect train_mnist_missing_value 2 $T --n
expect train_mnist_missing_data 2 $T --data-dir /nonexistent
expect train_mnist_bad_product 2 $T --data-dir "$FX/mnist" --product fast
expect train_mnist_dense_route 0 $T --data-dir "$FX/mnist" --train-items 300 --test-items 200 --epochs 2 --batch 100 --n 3 --product dense
cp "$FX/mnist/"* "$FX/bad/"
head -c 100000 "$FX/mnist/train-images-idx3-ubyte" > "$FX/bad/train-images-idx3-ubyte"
expect train_mnist_truncated_file 2 $T --data-dir "$FX/bad"
grep -q "holds" "$OUT/train_mnist_truncated_file.log" && ok train_mnist_truncated_says_why || bad train_mnist_truncated_says_why "$OUT/train_mnist_truncated_file.log"

# the sequence tool
S=$B/examples/sequence
if [ -x "$S" ]; then
    for t in vanilla rehearsal pseudorehearsal ewc si mas gem agem; do
        expect "sequence_$t" 0 $S --technique $t --data-dir "$FX/mnist" --tasks 3 --train-items 300 --test-items 200 --epochs 2 --batch 100 --n 3 --memories 32
        for line in "average accuracy: " "backward transfer: " "forward transfer: "; do
            grep -Eq "^$line-?[0-9]\.[0-9]{4}$" "$OUT/sequence_$t.log" || { bad "sequence_${t}_summary_lines" "$OUT/sequence_$t.log"; continue 2; }
        done
        ok "sequence_${t}_summary_lines"
    done
    # killed midway and resumed from its checkpoint: the same matrix as an uninterrupted run
    SARGS="--technique rehearsal --data-dir $FX/mnist --tasks 3 --train-items 1000 --test-items 200 --epochs 10 --batch 50 --n 3 --memories 64"
    $S $SARGS > "$OUT/seq_full.log" 2>/dev/null
    rm -f "$OUT/seq.ck"
    $S $SARGS --checkpoint "$OUT/seq.ck" > /dev/null 2>&1 &
    pid=$!
    i=0; while [ ! -s "$OUT/seq.ck" ] && [ $i -lt 200 ]; do sleep 0.02; i=$((i + 1)); done
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    if [ -s "$OUT/seq.ck" ]; then
        $S $SARGS --checkpoint "$OUT/seq.ck" > "$OUT/seq_resumed.log" 2> "$OUT/seq_resumed.err"
        if grep -q "resumed from" "$OUT/seq_resumed.err" && diff <(grep -v '^#\|^run time' "$OUT/seq_full.log") <(grep -v '^#\|^run time' "$OUT/seq_resumed.log") > /dev/null 2>&1; then
            ok sequence_resume_after_kill
        else bad sequence_resume_after_kill "$OUT/seq_resumed.err"; fi
        [ ! -e "$OUT/seq.ck" ] && ok sequence_checkpoint_removed_at_end || bad sequence_checkpoint_removed_at_end
    else ok "sequence_resume_after_kill (skipped: finished before the kill)"; fi
    expect sequence_zero_tasks 2 $S --data-dir "$FX/mnist" --tasks 0
    expect sequence_bad_product 2 $S --data-dir "$FX/mnist" --product fast
    expect sequence_negative_fraction 2 $S --data-dir "$FX/mnist" --technique rehearsal --rehearsal-fraction -0.1
    expect sequence_unknown_technique 2 $S --data-dir "$FX/mnist" --technique magic
    expect sequence_missing_data 2 $S --data-dir /nonexistent
fi

# every figure program in the smoke profile, then verify reads them all
for src in examples/fig[0-9][0-9]_*.c; do
    stem=$(basename "$src" .c)
    prog=$B/examples/$stem
    [ -x "$prog" ] || { bad "figure_$stem (not built)"; continue; }
    expect "figure_$stem" 0 $prog --profile smoke --data-dir "$FX" --out "$OUT/$stem.dat" --plots "$OUT"
    if grep -q '^# Column 1: ' "$OUT/$stem.dat" 2>/dev/null && grep -q '^# dam.h: ' "$OUT/$stem.dat" && [ ! -e "$OUT/$stem.dat.tmp" ]; then
        ok "figure_${stem}_dat_header"
    else bad "figure_${stem}_dat_header" "$OUT/figure_$stem.log"; fi
    if command -v gnuplot >/dev/null 2>&1 && [ -f "examples/$stem.gp" ]; then
        expect "plot_$stem" 0 gnuplot -e "datafile='$OUT/$stem.dat'; outfile='$OUT/$stem.png'" "examples/$stem.gp"
    fi
done
if [ -x "$B/examples/verify" ]; then
    expect verify_reads_smoke_data 0 "$B/examples/verify" "$OUT"
    expect verify_fails_on_missing_data 1 "$B/examples/verify" /nonexistent
fi

# a checkpoint refuses another command's run (issue 11): killed after its first save,
# rerun with --seed 99 --n 3 --lr 0.01 it exits 1 naming n and keeps the file byte for
# byte; the same command then resumes, finishes and removes it
if [ -x "$S" ]; then
    KARGS="--technique vanilla --data-dir $FX/mnist --tasks 3 --train-items 1000 --test-items 200 --epochs 20 --batch 100 --memories 64"
    KCK=$OUT/key.ck
    rm -f "$KCK"
    $S $KARGS --seed 1 --n 10 --checkpoint "$KCK" > /dev/null 2>&1 &
    pid=$!
    i=0; while [ ! -s "$KCK" ] && [ $i -lt 400 ]; do sleep 0.01; i=$((i + 1)); done
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    if [ -s "$KCK" ]; then
        cp "$KCK" "$KCK.before"
        expect sequence_checkpoint_other_command_refused 1 $S $KARGS --seed 99 --n 3 --lr 0.01 --checkpoint "$KCK"
        L=$OUT/sequence_checkpoint_other_command_refused.log
        if grep -qxF "sequence: $KCK: checkpoint was made with net.n=10, this run has net.n=3" "$L" &&
           grep -q "delete it to start afresh, or use another --checkpoint" "$L" && ! grep -q "^average accuracy" "$L"; then
            ok sequence_checkpoint_refusal_names_n
        else bad sequence_checkpoint_refusal_names_n "$L"; fi
        cmp -s "$KCK" "$KCK.before" && ok sequence_checkpoint_kept_on_refusal || bad sequence_checkpoint_kept_on_refusal
        expect sequence_checkpoint_other_seed_refused 1 $S $KARGS --seed 99 --n 10 --checkpoint "$KCK"
        grep -qF "checkpoint was made with seed=1, this run has seed=99" "$OUT/sequence_checkpoint_other_seed_refused.log" &&
            ok sequence_checkpoint_refusal_names_seed || bad sequence_checkpoint_refusal_names_seed "$OUT/sequence_checkpoint_other_seed_refused.log"
        expect sequence_checkpoint_same_command_resumes 0 $S $KARGS --seed 1 --n 10 --checkpoint "$KCK"
        grep -q "resumed from" "$OUT/sequence_checkpoint_same_command_resumes.log" && [ ! -e "$KCK" ] &&
            ok sequence_checkpoint_same_command_finishes || bad sequence_checkpoint_same_command_finishes "$OUT/sequence_checkpoint_same_command_resumes.log"
    else
        echo "SKIP sequence_checkpoint_other_command_refused: the run finished before the kill"
        skipped=$((${skipped:-0} + 1))
    fi
else
    bad "sequence_checkpoint_other_command_refused (sequence not built)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
