#!/bin/bash
# test_examples.sh BUILD_DIR - the examples end to end on a generated MNIST look-alike
# (tests/make_fixture.c), so no download is needed: train_mnist's output format and
# exit codes, the sequence tool, every figure program in the smoke profile (the .dat
# pipeline, and the plots when gnuplot is present), make verify's reader, the checks of
# every output path before any work, scripts/merge-shards.sh, and --version/--help.
# Prints "ok   name", "FAIL name" or "SKIP name: reason" per check and
# "N passed, M failed, K skipped" alone on the last line.
B=${1:-build}
FX=$B/fixture
OUT=$B/smoke
passed=0
failed=0
skipped=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | tail -15; failed=$((failed + 1)); }
skip() { echo "SKIP $1: $2"; skipped=$((skipped + 1)); }
summary() { echo "$passed passed, $failed failed, $skipped skipped"; }
# check NAME COND... : ok if the command COND succeeds, else FAIL (showing $LOG if set)
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "${LOG:-}"; fi; }
# says NAME LOG REGEX : the log has a line matching the extended REGEX
says() { if grep -Eq -- "$3" "$2"; then ok "$1"; else echo "    expected a line matching: $3" >> "$2"; bad "$1" "$2"; fi; }
# prefixed NAME LOG PROG : every line of the log (a message) starts with "PROG: "
prefixed() { if [ -s "$2" ] && ! grep -v "^$3: " "$2" | grep -q .; then ok "$1"; else bad "$1" "$2"; fi; }
# lacks NAME LOG REGEX : no line of the log matches
lacks() { if grep -Eq -- "$3" "$2"; then bad "$1" "$2"; else ok "$1"; fi; }
# expect NAME CODE CMD... : run CMD, keep its output in $OUT/NAME.log, check the exit code
expect() {
    local name=$1 code=$2 rc
    shift 2
    "$@" > "$OUT/$name.log" 2>&1
    rc=$?
    if [ "$rc" -eq "$code" ]; then ok "$name"; else echo "    exit $rc, expected $code" >> "$OUT/$name.log"; bad "$name" "$OUT/$name.log"; fi
}
rm -rf "$OUT" "$FX"
mkdir -p "$OUT" "$FX/mnist" "$FX/bad"
if ! "$B/tests/make_fixture" "$FX/mnist" 1000 500; then bad make_fixture; summary; exit 1; fi
ok make_fixture

# train_mnist: the last line is exactly "test accuracy: 0.xxxx (ties: N)" and it learns
T=$B/examples/train_mnist
expect train_mnist_runs 0 $T --data-dir "$FX" --train-items 1000 --test-items 500 --epochs 8 --batch 100 --n 3
if tail -n 1 "$OUT/train_mnist_runs.log" | grep -Eq '^test accuracy: (0\.9[0-9]{3}|1\.0000) \(ties: [0-9]+\)$'; then ok train_mnist_output_line
else bad train_mnist_output_line "$OUT/train_mnist_runs.log"; fi
expect train_mnist_help 0 $T --help
expect train_mnist_n_zero 2 $T --data-dir "$FX" --n 0
grep -q "^train_mnist: --n must be 1\.\.1000$" "$OUT/train_mnist_n_zero.log" && ok train_mnist_n_zero_says_why || bad train_mnist_n_zero_says_why "$OUT/train_mnist_n_zero.log"
expect train_mnist_memories_zero 2 $T --data-dir "$FX" --memories 0
expect train_mnist_temperature_negative 2 $T --data-dir "$FX" --temperature -1
expect train_mnist_lr_nan 2 $T --data-dir "$FX" --lr nan
expect train_mnist_unknown_flag 2 $T --bogus 1
expect train_mnist_missing_value 2 $T --n
expect train_mnist_missing_data 1 $T --data-dir /nonexistent
prefixed train_mnist_missing_data_message "$OUT/train_mnist_missing_data.log" train_mnist
expect train_mnist_bad_product 2 $T --data-dir "$FX" --product fast
expect train_mnist_dense_route 0 $T --data-dir "$FX" --train-items 300 --test-items 200 --epochs 2 --batch 100 --n 3 --product dense
cp "$FX/mnist/"* "$FX/bad/"
head -c 100000 "$FX/mnist/train-images-idx3-ubyte" > "$FX/bad/train-images-idx3-ubyte"
expect train_mnist_truncated_file 1 $T --data-dir "$FX/bad"
grep -q "holds" "$OUT/train_mnist_truncated_file.log" && ok train_mnist_truncated_says_why || bad train_mnist_truncated_says_why "$OUT/train_mnist_truncated_file.log"
# --data-dir is the folder holding mnist/ and fashion/ in every tool; the old meaning (the
# IDX folder itself) still works
expect train_mnist_old_data_dir 0 $T --data-dir "$FX/mnist" --train-items 300 --test-items 200 --epochs 1 --batch 100 --n 3
# flags are checked by the tool with messages of its own: one reason, no contradiction
expect train_mnist_n_huge 2 $T --data-dir "$FX/mnist" --n 1000000
says train_mnist_n_huge_says_range "$OUT/train_mnist_n_huge.log" '^train_mnist: --n must be 1\.\.1000$'
lacks train_mnist_n_huge_no_contradiction "$OUT/train_mnist_n_huge.log" 'must be >= 1\)'
expect train_mnist_grid_bmp 2 $T --data-dir "$FX/mnist" --train-items 300 --test-items 200 --epochs 1 --batch 100 --n 3 --grid "$OUT/g.bmp"
says train_mnist_grid_bmp_says_why "$OUT/train_mnist_grid_bmp.log" '^train_mnist: --grid: .*\.png or \.pgm'
# every output path is checked before any training: exit 1 at once, no epoch run
for flag in out save grid; do
    expect "train_mnist_${flag}_unwritable" 1 $T --data-dir "$FX" --train-items 300 --test-items 200 --epochs 2 --batch 100 --n 3 --$flag /nonexistent/dir/x.png
    says "train_mnist_${flag}_unwritable_says_why" "$OUT/train_mnist_${flag}_unwritable.log" '^train_mnist: cannot write /nonexistent/dir/x\.png: '
    lacks "train_mnist_${flag}_unwritable_before_training" "$OUT/train_mnist_${flag}_unwritable.log" '^epoch '
done
# --save, --load (evaluate, or train on) and --out (a self-describing result file)
TARGS="--data-dir $FX --train-items 1000 --test-items 500 --batch 100"
expect train_mnist_save 0 $T $TARGS --n 3 --epochs 4 --save "$OUT/net.dam" --out "$OUT/train.dat" --grid "$OUT/grid.pgm"
[ -s "$OUT/net.dam" ] && [ -s "$OUT/grid.pgm" ] && ok train_mnist_save_wrote || bad train_mnist_save_wrote "$OUT/train_mnist_save.log"
expect train_mnist_load_evaluates 0 $T $TARGS --load "$OUT/net.dam"
acc_line() { grep '^test accuracy: ' "$1" | tail -n 1; }
check train_mnist_load_same_accuracy [ -n "$(acc_line "$OUT/train_mnist_save.log")" -a "$(acc_line "$OUT/train_mnist_save.log")" = "$(acc_line "$OUT/train_mnist_load_evaluates.log")" ]
lacks train_mnist_load_no_training "$OUT/train_mnist_load_evaluates.log" '^epoch '
expect train_mnist_load_continues 0 $T $TARGS --load "$OUT/net.dam" --epochs 1
says train_mnist_load_continues_trains "$OUT/train_mnist_load_continues.log" '^epoch +1/1 '
expect train_mnist_load_with_n 2 $T $TARGS --load "$OUT/net.dam" --n 5
expect train_mnist_load_missing 1 $T $TARGS --load "$OUT/no-such.dam"
says train_mnist_load_missing_says_why "$OUT/train_mnist_load_missing.log" '^train_mnist: cannot load '
# has_keys NAME FILE KEY... : the file has a "# KEY: " line for every KEY
has_keys() {
    local name=$1 file=$2 key
    shift 2
    for key in "$@"; do
        grep -q "^# $key: " "$file" 2>/dev/null || { echo "    no '# $key: ' line in $file"; bad "$name"; return; }
    done
    ok "$name"
}
has_keys train_mnist_out_header "$OUT/train.dat" "Column 1" "Column 4" tool dam.h commit compiler flags threads date host seed n K "train items" accuracy
check train_mnist_out_rows [ "$(grep -vc '^#' "$OUT/train.dat")" = 5 ]
check train_mnist_out_accuracy [ "$(grep '^# accuracy: ' "$OUT/train.dat" | cut -c13-)" = "$(tail -n 1 "$OUT/train_mnist_save.log" | sed 's/^test accuracy: \([0-9.]*\) .*/\1/')" ]

# the sequence tool
S=$B/examples/sequence
if [ ! -x "$S" ]; then skip sequence "$S is not built (make $S)"; else
    for t in vanilla rehearsal pseudorehearsal ewc si mas gem agem; do
        expect "sequence_$t" 0 $S --technique $t --data-dir "$FX/mnist" --tasks 3 --train-items 300 --test-items 200 --epochs 2 --batch 100 --n 3 --memories 32
        for line in "average accuracy: " "backward transfer: " "forward transfer: "; do
            grep -Eq "^$line-?[0-9]\.[0-9]{4}$" "$OUT/sequence_$t.log" || { bad "sequence_${t}_summary_lines" "$OUT/sequence_$t.log"; continue 2; }
        done
        ok "sequence_${t}_summary_lines"
    done
    # killed midway and resumed from its checkpoint: the same matrix as an uninterrupted run
    SARGS="--technique rehearsal --data-dir $FX --tasks 3 --train-items 1000 --test-items 200 --epochs 10 --batch 50 --n 3 --memories 64"
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
    else skip sequence_resume_after_kill "the run finished before the kill"; fi
    expect sequence_zero_tasks 2 $S --data-dir "$FX" --tasks 0
    expect sequence_bad_product 2 $S --data-dir "$FX" --product fast
    expect sequence_negative_fraction 2 $S --data-dir "$FX" --technique rehearsal --rehearsal-fraction -0.1
    expect sequence_unknown_technique 2 $S --data-dir "$FX" --technique magic
    expect sequence_missing_data 1 $S --data-dir /nonexistent
    prefixed sequence_missing_data_message "$OUT/sequence_missing_data.log" sequence
    expect sequence_memory_zero 2 $S --data-dir "$FX/mnist" --technique gem --memory-per-task 0
    says sequence_memory_zero_says_flag "$OUT/sequence_memory_zero.log" '^sequence: --memory-per-task must be '
    lacks sequence_memory_zero_no_contradiction "$OUT/sequence_memory_zero.log" 'impossible call'
    prefixed sequence_memory_zero_message "$OUT/sequence_memory_zero.log" sequence
    expect sequence_n_huge 2 $S --data-dir "$FX/mnist" --n 1000000
    lacks sequence_n_huge_no_contradiction "$OUT/sequence_n_huge.log" 'must be >= 1\)'
    for flag in out checkpoint; do
        expect "sequence_${flag}_unwritable" 1 $S --data-dir "$FX" --tasks 2 --train-items 300 --test-items 200 --epochs 2 --batch 100 --n 3 --memories 32 --$flag /nonexistent/dir/x.dat
        says "sequence_${flag}_unwritable_says_why" "$OUT/sequence_${flag}_unwritable.log" '^sequence: cannot write /nonexistent/dir/x\.dat: '
        lacks "sequence_${flag}_unwritable_before_training" "$OUT/sequence_${flag}_unwritable.log" '^task '
    done
    expect sequence_old_data_dir 0 $S --data-dir "$FX/mnist" --tasks 2 --train-items 300 --test-items 200 --epochs 1 --batch 100 --n 3 --memories 32
    expect sequence_validation 0 $S --data-dir "$FX" --tasks 2 --train-items 300 --validation 200 --epochs 2 --batch 100 --n 3 --memories 32 --out "$OUT/seq_val.dat"
    says sequence_validation_reports "$OUT/sequence_validation.log" '^# .*, 200 validation items per task,'
    says sequence_validation_matrix "$OUT/sequence_validation.log" '^accuracy matrix R\[i\]\[j\]: validation accuracy'
    says sequence_validation_out "$OUT/seq_val.dat" '^# evaluation: validation'
    expect sequence_validation_too_many 1 $S --data-dir "$FX" --train-items 900 --validation 200
    has_keys sequence_out_header "$OUT/seq_val.dat" "Column 1" "Column 5" tool dam.h commit compiler flags threads date host seed technique "average accuracy"
    # --eval-every k (issue 16): the learning curves as block 1 of --out; the run is the
    # same (R, b, the summaries byte for byte), the curve at a task's last epoch is R's row,
    # and there is one row per (task, epoch k, 2k, ..., the last, evaluated task)
    EARGS="--technique ewc --data-dir $FX --tasks 3 --train-items 300 --test-items 200 --epochs 5 --batch 100 --n 3 --memories 32"
    expect sequence_plain 0 $S $EARGS --out "$OUT/seq_plain.dat"
    expect sequence_eval_every 0 $S $EARGS --eval-every 2 --out "$OUT/seq_curve.dat"
    block() { awk -v b="$2" '/^#/ { next } NF == 0 { if (seen) { if (!blank) blk++; blank = 1 } next } { seen = 1; blank = 0 } blk == b' "$1"; }
    check sequence_eval_every_same_run cmp -s <(grep -v '^#\|^run time\|^task ' "$OUT/sequence_plain.log") <(grep -v '^#\|^run time\|^task ' "$OUT/sequence_eval_every.log")
    check sequence_eval_every_same_matrix cmp -s <(block "$OUT/seq_plain.dat" 0) <(block "$OUT/seq_curve.dat" 0)
    check sequence_eval_every_rows [ "$(block "$OUT/seq_curve.dat" 1 | wc -l)" -eq $((3 * 3 * 3)) ]
    check sequence_eval_every_epochs [ "$(block "$OUT/seq_curve.dat" 1 | awk '{ print $2 }' | sort -u | tr '\n' ' ')" = "2 4 5 " ]
    check sequence_eval_every_last_epoch_is_R cmp -s <(block "$OUT/seq_curve.dat" 0 | awk '{ print $1, $2, $3 }') \
        <(block "$OUT/seq_curve.dat" 1 | awk '$2 == 5 { print $1, $3, $4 }')
    check sequence_eval_every_learns [ "$(block "$OUT/seq_curve.dat" 1 | awk '$1 == 0 && $3 == 0 && $2 == 2 { a = $4 } $1 == 0 && $3 == 0 && $2 == 5 { b = $4 } END { print (b > a) }')" = 1 ]
    says sequence_eval_every_described "$OUT/seq_curve.dat" '^# Block 1 column 4: accuracy '
    # in a task-incremental split the curves take the argmax over the task's classes, as R does
    expect sequence_eval_every_split_task 0 $S $EARGS --scenario split-task --eval-every 2 --out "$OUT/seq_curve_st.dat"
    check sequence_eval_every_split_task_last_epoch_is_R cmp -s <(block "$OUT/seq_curve_st.dat" 0 | awk '{ print $1, $2, $3 }') \
        <(block "$OUT/seq_curve_st.dat" 1 | awk '$2 == 5 { print $1, $3, $4 }')
    expect sequence_eval_every_negative 2 $S $EARGS --eval-every -1 --out "$OUT/x.dat"
    expect sequence_eval_every_needs_out 2 $S $EARGS --eval-every 2
    says sequence_eval_every_needs_out_says_why "$OUT/sequence_eval_every_needs_out.log" '^sequence: --eval-every needs --out'
    expect sequence_eval_every_checkpoint 2 $S $EARGS --eval-every 2 --out "$OUT/x.dat" --checkpoint "$OUT/x.ck"
    lacks sequence_eval_every_checkpoint_before_training "$OUT/sequence_eval_every_checkpoint.log" '^task '
    # --format csv: a header row of the .dat's column names, then the .dat's rows with the
    # same number texts (it parses back to the .dat numbers); the curves in FILE-curve.csv
    expect sequence_csv 0 $S $EARGS --eval-every 2 --format csv --out "$OUT/seq.csv"
    check sequence_csv_header [ "$(head -n 1 "$OUT/seq.csv")" = "after_task,task,accuracy,baseline,forgetting" ]
    check sequence_csv_curve_header [ "$(head -n 1 "$OUT/seq-curve.csv")" = "during_task,epoch,task,accuracy" ]
    check sequence_csv_parses_to_dat cmp -s <(tail -n +2 "$OUT/seq.csv" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s%.6f", (i > 1 ? " " : ""), $i; print "" }') \
        <(block "$OUT/seq_curve.dat" 0 | awk '{ for (i = 1; i <= NF; i++) printf "%s%.6f", (i > 1 ? " " : ""), $i; print "" }')
    check sequence_csv_curve_parses_to_dat cmp -s <(tail -n +2 "$OUT/seq-curve.csv" | tr , ' ') <(block "$OUT/seq_curve.dat" 1)
    check sequence_csv_no_leftovers bash -c "[ ! -e '$OUT/seq.csv.tmp' ] && [ ! -e '$OUT/seq.csv.dat.tmp' ] && ! grep -q '^#' '$OUT/seq.csv'"
    expect sequence_format_bad 2 $S $EARGS --format xml --out "$OUT/x.dat"
    says sequence_format_bad_says_why "$OUT/sequence_format_bad.log" '^sequence: --format must be dat or csv$'
    mkdir -p "$OUT/seqdir-curve.csv" # the companion's path is a folder: refused before any training
    expect sequence_csv_curve_unwritable 1 $S $EARGS --eval-every 2 --format csv --out "$OUT/seqdir.csv"
    lacks sequence_csv_curve_unwritable_before_training "$OUT/sequence_csv_curve_unwritable.log" '^task '
    # the curves' conversion fails after the run (a folder where its temporary file goes): the
    # --out file of an earlier run is left as it was (before: replaced, then removed)
    echo "an earlier run" > "$OUT/seqkeep.csv"; mkdir -p "$OUT/seqkeep-curve.csv.tmp"
    expect sequence_csv_failure_keeps_old 1 $S $EARGS --eval-every 2 --format csv --out "$OUT/seqkeep.csv"
    says sequence_csv_failure_after_the_run "$OUT/sequence_csv_failure_keeps_old.log" '^average accuracy: '
    check sequence_csv_failure_keeps_old_file [ "$(cat "$OUT/seqkeep.csv" 2>/dev/null)" = "an earlier run" ]
    check sequence_csv_failure_no_leftovers bash -c "[ ! -e '$OUT/seqkeep.csv.part' ] && [ ! -e '$OUT/seqkeep.csv.dat.tmp' ] && [ ! -e '$OUT/seqkeep-curve.csv' ]"
    # the scenarios beyond permuted tasks (examples/mnist.h, mnist_scenario_tasks)
    for sc in rotated split-class split-task; do
        expect "sequence_scenario_$sc" 0 $S --data-dir "$FX" --scenario $sc --tasks 2 --train-items 200 --test-items 100 --epochs 2 --batch 100 --n 3 --memories 32 --out "$OUT/seq_$sc.dat"
        says "sequence_scenario_${sc}_out" "$OUT/seq_$sc.dat" "^# scenario: $sc\$"
    done
    says sequence_split_class_incremental "$OUT/sequence_scenario_split-class.log" '^average incremental accuracy: [0-9]\.[0-9]{4}$'
    says sequence_split_class_incremental_out "$OUT/seq_split-class.dat" '^# average incremental accuracy: [0-9]\.[0-9]{6}$'
    says sequence_split_task_own_classes "$OUT/sequence_scenario_split-task.log" '^# task 1: classes 2 3, .*tested over its own classes$'
    says sequence_rotated_angles "$OUT/sequence_scenario_rotated.log" '^# task 1: rotated by 180 degrees'
    lacks sequence_permuted_no_incremental "$OUT/sequence_validation.log" 'incremental'
    expect sequence_split_validation 0 $S --data-dir "$FX" --scenario split-class --split 0,1/2,3 --train-items 100 --validation 200 --epochs 1 --batch 100 --n 3 --memories 16
    says sequence_split_validation_matrix "$OUT/sequence_split_validation.log" '^accuracy matrix R\[i\]\[j\]: validation accuracy'
    expect sequence_bad_scenario 2 $S --data-dir "$FX" --scenario shuffled
    expect sequence_bad_split 2 $S --data-dir "$FX" --scenario split-class --split 0,1/1,2
    says sequence_bad_split_says_why "$OUT/sequence_bad_split.log" 'class 1 is in two tasks'
    expect sequence_split_more_tasks_than_listed 2 $S --data-dir "$FX" --scenario split-class --split 0,1/2,3 --tasks 3
    expect sequence_split_more_tasks_than_default 2 $S --data-dir "$FX" --scenario split-task --tasks 6
    says sequence_split_more_tasks_says_why "$OUT/sequence_split_more_tasks_than_default.log" 'the split has 5 tasks, 6 asked'
    expect sequence_angles_without_rotated 2 $S --data-dir "$FX" --angles 0,90
    expect sequence_bad_angles 2 $S --data-dir "$FX" --scenario rotated --angles 0,abc
    expect sequence_split_class_too_big 2 $S --data-dir "$FX" --scenario split-class --split 0,10
    expect sequence_no_such_folder 1 $S --dataset "$OUT/no-such-folder"
    says sequence_no_such_folder_says_why "$OUT/sequence_no_such_folder.log" 'not mnist or fashion, and no such folder'
    # a folder of your own images: three classes of 6 x 6 PGM files written here
    # (class k: pixels i with (i + k) % 3 == 0 bright; image j flips pixel j)
    pgm() { # FILE CLASS IMAGE [WIDTH]
        w=${4:-6}; n=$((w * 6)); fmt=''; i=0
        while [ $i -lt $n ]; do
            v=$(( (i + $2) % 3 == 0 )); [ $i -eq $3 ] && v=$((1 - v))
            if [ $v -eq 1 ]; then fmt="$fmt\\377"; else fmt="$fmt\\000"; fi
            i=$((i + 1))
        done
        { printf 'P5\n%d 6\n255\n' "$w"; printf "$fmt"; } > "$1"
    }
    IMG=$OUT/imgs
    for c in zero one two; do
        mkdir -p "$IMG/$c"
        k=0; [ $c = one ] && k=1; [ $c = two ] && k=2
        for j in 0 1 2 3 4 5 6 7 8 9; do pgm "$IMG/$c/im$j.pgm" $k $j; done
    done
    expect sequence_folder_split_task 0 $S --dataset "$IMG" --scenario split-task --split 0,1/2 --tasks 1 --epochs 3 --batch 10 --n 3 --memories 16 --train-items 100 --test-items 100
    # split-task with a task of one class (the default pairs of 3 classes end in one) is refused: its argmax is always right
    expect sequence_folder_split_task_one_class 2 $S --dataset "$IMG" --scenario split-task --epochs 1 --n 3 --memories 8
    says sequence_folder_split_task_one_class_says_why "$OUT/sequence_folder_split_task_one_class.log" 'task 1 holds one class \(2\).*split-class'
    says sequence_folder_class_names "$OUT/sequence_folder_split_task.log" '^# task 0: classes 0 \(one\) 1 \(two\), 16 train items, 4 test items'
    # --validation on a folder: each class's share (8 training images a class, 2 of each held out), not the last class's
    expect sequence_folder_validation 0 $S --dataset "$IMG" --scenario split-class --validation 6 --epochs 1 --batch 10 --n 3 --memories 16 --out "$OUT/seq_folder_val.dat"
    says sequence_folder_validation_task0 "$OUT/sequence_folder_validation.log" '^# task 0: classes 0 \(one\) 1 \(two\), 12 train items, 4 validation items'
    says sequence_folder_validation_task1 "$OUT/sequence_folder_validation.log" '^# task 1: classes 2 \(zero\), 6 train items, 2 validation items'
    says sequence_folder_validation_out "$OUT/seq_folder_val.dat" "^# evaluation: validation \\(each class's share"
    expect sequence_folder_validation_too_many 2 $S --dataset "$IMG" --validation 23 --epochs 1 --n 3 --memories 8
    says sequence_folder_validation_too_many_says_why "$OUT/sequence_folder_validation_too_many.log" 'every training image of class [0-9] \('
    expect sequence_folder_permuted 0 $S --dataset "$IMG" --tasks 2 --epochs 2 --batch 10 --n 3 --memories 16
    says sequence_folder_permuted_matrix "$OUT/sequence_folder_permuted.log" '^after 1 '
    cp -r "$IMG" "$OUT/imgs_mixed"; pgm "$OUT/imgs_mixed/two/im9.pgm" 2 0 7
    expect sequence_folder_mixed_sizes 1 $S --dataset "$OUT/imgs_mixed" --scenario split-class
    says sequence_folder_mixed_sizes_says_file "$OUT/sequence_folder_mixed_sizes.log" 'im9\.pgm.* 7 x 6'
    mkdir -p "$OUT/imgs_empty/a" "$OUT/imgs_empty/b"; cp "$IMG/zero/"* "$OUT/imgs_empty/a/"
    expect sequence_folder_empty_class 1 $S --dataset "$OUT/imgs_empty"
    says sequence_folder_empty_class_says_which "$OUT/sequence_folder_empty_class.log" "class 'b'"
fi

# every figure program in the smoke profile: its runs computed into a run store on the
# look-alike data (scripts/runs.sh), then the figure aggregates them; verify reads them all
RS=$OUT/runs
export_store() { STORE=$RS DATA_DIR=$FX WORK=$OUT/runs-work B=$B "$@"; }
for src in examples/fig[0-9][0-9]_*.c; do
    stem=$(basename "$src" .c)
    prog=$B/examples/$stem
    [ -x "$prog" ] || { bad "figure_$stem (not built)"; continue; }
    expect "figure_${stem}_runs" 0 export_store scripts/runs.sh smoke "" $stem
    expect "figure_$stem" 0 $prog --profile smoke --store "$RS" --out "$OUT/$stem.dat" --plots "$OUT"
    if grep -q '^# Column 1: ' "$OUT/$stem.dat" 2>/dev/null && grep -q '^# dam.h: ' "$OUT/$stem.dat" && [ ! -e "$OUT/$stem.dat.tmp" ]; then
        ok "figure_${stem}_dat_header"
    else bad "figure_${stem}_dat_header" "$OUT/figure_$stem.log"; fi
    # the run information, the job lines, and exact numbers (no %g exponent in a row)
    if grep -q '^# commit: ' "$OUT/$stem.dat" 2>/dev/null && grep -q '^# compiler: ' "$OUT/$stem.dat" && grep -q '^# flags: ' "$OUT/$stem.dat" &&
        grep -q '^# threads: ' "$OUT/$stem.dat" && grep -Eq '^# date: [0-9]{4}-[0-9]{2}-[0-9]{2}T' "$OUT/$stem.dat" && grep -q '^# host: ' "$OUT/$stem.dat"; then
        ok "figure_${stem}_run_info"
    else bad "figure_${stem}_run_info" "$OUT/$stem.dat"; fi
    if grep -q '^# job: 0$' "$OUT/$stem.dat" 2>/dev/null && grep -Eq '^# jobs: [1-9][0-9]*$' "$OUT/$stem.dat"; then ok "figure_${stem}_job_lines"
    else bad "figure_${stem}_job_lines" "$OUT/$stem.dat"; fi
    if grep -v '^#' "$OUT/$stem.dat" 2>/dev/null | grep -Eq '[0-9]e[-+]'; then bad "figure_${stem}_exact_numbers" "$OUT/$stem.dat"
    else ok "figure_${stem}_exact_numbers"; fi
    expect "figure_${stem}_version" 0 $prog --version
    says "figure_${stem}_version_line" "$OUT/figure_${stem}_version.log" "^$stem \\(dam\\.h [0-9]+\\.[0-9]+\\.[0-9]+\\)\$"
    if [ ! -f "examples/$stem.gp" ]; then bad "plot_$stem (examples/$stem.gp missing)"
    elif command -v gnuplot >/dev/null 2>&1; then
        expect "plot_$stem" 0 gnuplot -e "datafile='$OUT/$stem.dat'; outfile='$OUT/$stem.png'" "examples/$stem.gp"
    else skip "plot_$stem" "gnuplot is not installed (apt-get install gnuplot-nox)"; fi
done
# fig10 writes K exactly: the K axis (column 3 = 1) has param K = 64 in smoke
if [ -f "$OUT/fig10_regime.dat" ]; then
    check fig10_K_exact [ "$(awk '!/^#/ && NF && $3 == 1 {print $4}' "$OUT/fig10_regime.dat" | sort -u)" = 64 ]
fi
# --format csv (issue 16): the figure's table as CSV, a header row of the .dat's column
# names, then its rows with the same number texts; refused with --shard and for other
# formats
F9=$B/examples/fig09_summary
if [ -x "$F9" ] && [ -f "$OUT/fig09_summary.dat" ]; then
    expect figure_csv 0 $F9 --profile smoke --store "$RS" --format csv --out "$OUT/fig09.csv"
    check figure_csv_header [ "$(head -n 1 "$OUT/fig09.csv")" = "$(sed -n 's/^# Column [0-9]*: \([^ ]*\).*/\1/p' "$OUT/fig09_summary.dat" | paste -sd,)" ]
    check figure_csv_parses_to_dat cmp -s <(tail -n +2 "$OUT/fig09.csv" | tr , ' ') <(grep -v '^#' "$OUT/fig09_summary.dat" | awk '{ $1 = $1; print }')
    check figure_csv_rows bash -c "[ \$(tail -n +2 '$OUT/fig09.csv' | wc -l) -ge 1 ] && [ ! -e '$OUT/fig09.csv.dat.tmp' ]"
    expect figure_csv_shard_refused 2 $F9 --profile smoke --store "$RS" --format csv --shard 0/2 --out "$OUT/f9s.csv"
    expect figure_format_bad 2 $F9 --profile smoke --store "$RS" --format xml
fi
# figure outputs are checked before any work: exit 1 at once with the path and a reason
F3=$B/examples/fig03_vanilla_matrix
if [ -x "$F3" ]; then
    expect figure_out_unwritable 1 $F3 --profile smoke --data-dir "$FX" --out /nonexistent/dir/f.dat
    says figure_out_unwritable_says_why "$OUT/figure_out_unwritable.log" '^fig03_vanilla_matrix: cannot write /nonexistent/dir/f\.dat: '
    lacks figure_out_unwritable_before_training "$OUT/figure_out_unwritable.log" 'average accuracy'
fi
F1=$B/examples/fig01_memories
if [ -x "$F1" ]; then
    expect figure_plots_unwritable 1 $F1 --profile smoke --data-dir "$FX" --out "$OUT/f1.dat" --plots /nonexistent/plots
    lacks figure_plots_unwritable_before_training "$OUT/figure_plots_unwritable.log" 'used [0-9]+ prototype'
fi
# the memory animation on the look-alike data: a GIF, the still, the frame list (1 +
# tasks x epochs lines); bad flags and unwritable outputs refused before any training
A=$B/examples/anim_memories
if [ -x "$A" ]; then
    expect anim_memories_runs 0 $A --data-dir "$FX" --items 300 --test-items 200 --epochs 2 --tasks 2 --memories 4 \
        --gif "$OUT/anim.gif" --still "$OUT/anim_still.gif" --list "$OUT/anim.txt"
    check anim_memories_gif [ "$(head -c 6 "$OUT/anim.gif" 2>/dev/null)" = GIF89a ]
    check anim_memories_still [ "$(head -c 6 "$OUT/anim_still.gif" 2>/dev/null)" = GIF89a ]
    check anim_memories_frames [ "$(grep -vc '^#' "$OUT/anim.txt" 2>/dev/null)" = 5 ]
    expect anim_memories_bad_memories 2 $A --memories 0
    expect anim_memories_unwritable 1 $A --data-dir "$FX" --items 300 --gif /nonexistent/dir/a.gif
    lacks anim_memories_unwritable_before_training "$OUT/anim_memories_unwritable.log" 'average accuracy'
    # one path for two outputs (the still would replace the animation): refused
    expect anim_memories_same_path 2 $A --data-dir "$FX" --items 300 --gif "$OUT/anim_same.gif" --still "$OUT/anim_same.gif" \
        --list "$OUT/anim_same.txt"
    lacks anim_memories_same_path_before_training "$OUT/anim_memories_same_path.log" 'average accuracy'
    # all three outputs or none: the list's .tmp cannot be created (a folder is in the
    # way), so neither GIF may appear
    rm -rf "$OUT/aon" && mkdir -p "$OUT/aon/l.txt.tmp"
    expect anim_memories_all_or_nothing 1 $A --data-dir "$FX" --items 300 --test-items 200 --epochs 1 --tasks 2 --memories 4 \
        --gif "$OUT/aon/g.gif" --still "$OUT/aon/s.gif" --list "$OUT/aon/l.txt"
    check anim_memories_all_or_nothing_no_gif [ ! -e "$OUT/aon/g.gif" -a ! -e "$OUT/aon/s.gif" -a ! -e "$OUT/aon/g.gif.tmp" -a ! -e "$OUT/aon/s.gif.tmp" ]
    # the frames kept in memory are capped (1 GB): refused before training
    expect anim_memories_frames_cap 2 $A --data-dir "$FX" --items 300 --memories 400 --tasks 16 --epochs 100 \
        --gif "$OUT/anim_cap.gif" --still "$OUT/anim_cap_still.gif" --list "$OUT/anim_cap.txt"
    says anim_memories_frames_cap_says_why "$OUT/anim_memories_frames_cap.log" 'more than the 1 GB cap'
    lacks anim_memories_frames_cap_before_training "$OUT/anim_memories_frames_cap.log" 'average accuracy'
fi
# merge-shards.sh: a correct merge equals the unsharded run's data lines byte for byte;
# a stale extra shard, a missing shard, a shard of another seed or profile and a
# duplicated job are refused with no output file written
F11=$B/examples/fig11_hopfield
M=scripts/merge-shards.sh
if [ ! -x "$F11" ]; then skip merge_shards "$F11 is not built"; else
    MD=$OUT/merge
    mkdir -p "$MD"
    export_store scripts/runs.sh smoke 2 fig11_hopfield > /dev/null 2>&1
    $F11 --profile smoke --store "$RS" --out "$MD/full.dat" 2>/dev/null
    for i in 0 1 2; do $F11 --profile smoke --store "$RS" --shard $i/3 --out "$MD/m.dat.shard$i" 2>/dev/null; done
    cp "$MD/m.dat.shard2" "$MD/keep2"
    expect merge_shards_ok 0 $M "$MD/m.dat"
    if [ -s "$MD/m.dat" ] && cmp -s <(grep -v '^#' "$MD/full.dat") <(grep -v '^#' "$MD/m.dat"); then ok merge_shards_equals_unsharded
    else bad merge_shards_equals_unsharded "$OUT/merge_shards_ok.log"; fi
    says merge_shards_header_merged "$MD/m.dat" '^# shard: merged$'
    # refuse ... and write nothing: NAME then a setup command run in $MD
    refuse() {
        local name=$1
        shift
        rm -f "$MD/m.dat" "$MD"/m.dat.shard*; for i in 0 1; do $F11 --profile smoke --store "$RS" --shard $i/3 --out "$MD/m.dat.shard$i" 2>/dev/null; done
        cp "$MD/keep2" "$MD/m.dat.shard2"
        (cd "$MD" && eval "$@")
        expect "merge_refuses_$name" 1 $M "$MD/m.dat"
        if [ -e "$MD/m.dat" ] || ls "$MD" | grep -q 'm\.dat\.merge'; then bad "merge_refuses_${name}_writes_nothing"; else ok "merge_refuses_${name}_writes_nothing"; fi
    }
    refuse stale_extra_shard "../../examples/fig11_hopfield --profile smoke --store ../runs --shard 3/4 --out m.dat.shard3 2>/dev/null"
    refuse missing_shard "rm m.dat.shard1"
    refuse other_seed "../../examples/fig11_hopfield --profile smoke --store ../runs --seeds 2 --shard 1/3 --out m.dat.shard1 2>/dev/null && [ -s m.dat.shard1 ]"
    refuse other_profile "sed -i 's/^# profile: smoke\$/# profile: quick/' m.dat.shard1"
    refuse duplicate_shard "cp m.dat.shard1 m.dat.shard1.old"
    refuse duplicate_job "sed 's/^# job: 5\$/# job: 2/' keep2 > m.dat.shard2"
    refuse unfinished_shard "grep -v '^# jobs: ' keep2 > m.dat.shard2"
    refuse empty_extra_shard ": > m.dat.shard3"
    expect merge_usage 2 $M
    expect figure_bad_shard 2 $F11 --profile smoke --shard 1/3x --out "$MD/bad.dat"
fi
# the same on a figure that trains on the look-alike data (fig03: rows without run times)
if [ -x "$F3" ]; then
    MD3=$OUT/merge3
    mkdir -p "$MD3"
    $F3 --profile smoke --store "$RS" --out "$MD3/full.dat" 2>/dev/null
    for i in 0 1; do $F3 --profile smoke --store "$RS" --shard $i/2 --out "$MD3/m.dat.shard$i" 2>/dev/null; done
    expect merge_shards_fig03_ok 0 $M "$MD3/m.dat"
    if [ -s "$MD3/m.dat" ] && grep -qv '^#' "$MD3/m.dat" && cmp -s <(grep -v '^#' "$MD3/full.dat") <(grep -v '^#' "$MD3/m.dat"); then
        ok merge_shards_fig03_equals_unsharded
    else bad merge_shards_fig03_equals_unsharded "$OUT/merge_shards_fig03_ok.log"; fi
fi
# --version on every tool, verify --help
for tool in train_mnist sequence verify; do
    [ -x "$B/examples/$tool" ] || { bad "${tool}_version ($tool not built)"; continue; }
    expect "${tool}_version" 0 "$B/examples/$tool" --version
    says "${tool}_version_line" "$OUT/${tool}_version.log" "^$tool \\(dam\\.h [0-9]+\\.[0-9]+\\.[0-9]+\\)\$"
done
if [ -x "$B/examples/verify" ]; then
    expect verify_reads_smoke_data 0 "$B/examples/verify" "$OUT"
    expect verify_reads_data_dir_flag 0 "$B/examples/verify" --data-dir "$OUT"
    expect verify_fails_on_missing_data 1 "$B/examples/verify" /nonexistent
    expect verify_help 0 "$B/examples/verify" --help
    says verify_help_lists_flags "$OUT/verify_help.log" '--data-dir'
    expect verify_unknown_flag 2 "$B/examples/verify" --bogus
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
        skip sequence_checkpoint_other_command_refused "the run finished before the kill"
    fi
else
    bad "sequence_checkpoint_other_command_refused (sequence not built)"
fi
# a corrupt checkpoint is an I/O failure (exit 1), and the file is kept as it was
if [ -x "$S" ]; then
    printf 'DAMCKPT\nnot a checkpoint at all' > "$OUT/corrupt.ck"; cp "$OUT/corrupt.ck" "$OUT/corrupt.ck.before"
    expect sequence_corrupt_checkpoint_refused 1 $S $KARGS --seed 1 --n 10 --checkpoint "$OUT/corrupt.ck"
    cmp -s "$OUT/corrupt.ck" "$OUT/corrupt.ck.before" && ok sequence_corrupt_checkpoint_kept || bad sequence_corrupt_checkpoint_kept
fi
# a technique from outside dam.h (examples/custom_technique.c): sequence's summary lines,
# beats vanilla (--lambda 0) on the look-alike data, stops and resumes bit-identically,
# and its own key line refuses a resume under another --lambda
C=$B/examples/custom_technique
if [ ! -x "$C" ]; then skip custom_technique "$C is not built (make $C)"; else
    CARGS="--data-dir $FX --tasks 3 --train-items 1000 --test-items 500 --epochs 5 --batch 100 --n 3 --memories 32 --seed 1"
    expect custom_technique_runs 0 $C $CARGS --lambda 1
    expect custom_technique_vanilla 0 $C $CARGS --lambda 0
    L=$OUT/custom_technique_runs.log
    if grep -Eq '^average accuracy: [0-9]\.[0-9]{4}$' "$L" && grep -Eq '^backward transfer: -?[0-9]\.[0-9]{4}$' "$L" &&
       grep -Eq '^forward transfer: -?[0-9]\.[0-9]{4}$' "$L"; then ok custom_technique_summary_lines
    else bad custom_technique_summary_lines "$L"; fi
    a=$(sed -n 's/^average accuracy: //p' "$L"); v=$(sed -n 's/^average accuracy: //p' "$OUT/custom_technique_vanilla.log")
    if [ -n "$a" ] && [ -n "$v" ] && awk -v a="$a" -v v="$v" 'BEGIN { exit !(a > v) }'; then ok custom_technique_beats_vanilla
    else bad custom_technique_beats_vanilla "$OUT/custom_technique_vanilla.log"; echo "    l2pull $a, vanilla $v"; fi
    rm -f "$OUT/custom.ck"
    expect custom_technique_stops 0 $C $CARGS --lambda 1 --checkpoint "$OUT/custom.ck" --stop-after-task 1
    cp "$OUT/custom.ck" "$OUT/custom.ck.before" 2>/dev/null
    expect custom_technique_other_lambda_refused 1 $C $CARGS --lambda 2 --checkpoint "$OUT/custom.ck"
    grep -qF "checkpoint was made with l2pull.lambda=1, this run has l2pull.lambda=2" "$OUT/custom_technique_other_lambda_refused.log" &&
        cmp -s "$OUT/custom.ck" "$OUT/custom.ck.before" && ok custom_technique_refusal_names_lambda ||
        bad custom_technique_refusal_names_lambda "$OUT/custom_technique_other_lambda_refused.log"
    expect custom_technique_resumes 0 $C $CARGS --lambda 1 --checkpoint "$OUT/custom.ck"
    if grep -q "resumed from" "$OUT/custom_technique_resumes.log" &&
       diff <(grep -v '^#\|^custom_technique: resumed\|^task ' "$L") <(grep -v '^#\|^custom_technique: resumed\|^task ' "$OUT/custom_technique_resumes.log") > /dev/null; then
        ok custom_technique_resume_bit_identical
    else bad custom_technique_resume_bit_identical "$OUT/custom_technique_resumes.log"; fi
fi

# ----- the run store (issue 14), on the look-alike data at PROFILE=smoke -----
RUN=$B/examples/run
F4=$B/examples/fig04_vanilla_vs_n
if [ ! -x "$RUN" ] || [ ! -x "$F4" ]; then skip run_store "$RUN or $F4 is not built"; else
    RD=$OUT/runstore
    rm -rf "$RD"; mkdir -p "$RD"
    line=$($F4 --profile smoke --list | head -n 1)
    id=${line%% *} key=${line#* }
    # shellcheck disable=SC2086
    expect run_store_computes 0 $RUN --store "$RD" --data-dir "$FX" $key
    [ -s "$RD/$id.dat" ] && ok run_store_file_named_by_hash || bad run_store_file_named_by_hash "$OUT/run_store_computes.log"
    grep -qx "# key: seed=1" "$RD/$id.dat" && grep -q '^R ' "$RD/$id.dat" && grep -q '^acc ' "$RD/$id.dat" && ok run_store_file_holds_key_and_R || bad run_store_file_holds_key_and_R "$RD/$id.dat"
    ino=$(stat -c %i "$RD/$id.dat")
    # shellcheck disable=SC2086
    expect run_store_stored_run_kept 0 $RUN --store "$RD" --data-dir "$FX" $key
    says run_store_stored_run_says_exists "$OUT/run_store_stored_run_kept.log" "^run: $id exists$"
    [ "$(stat -c %i "$RD/$id.dat")" = "$ino" ] && ok run_store_not_recomputed || bad run_store_not_recomputed "$OUT/run_store_stored_run_kept.log"
    # a file of that name holding another key: an aggregation refuses it, the run tool recomputes it
    sed -i 's/^# key: seed=1$/# key: seed=9/' "$RD/$id.dat"
    expect run_store_other_key_refused_by_figure 1 $F4 --profile smoke --seeds 1 --store "$RD" --out "$RD/f4.dat"
    says run_store_other_key_says_so "$OUT/run_store_other_key_refused_by_figure.log" 'holds another key'
    # shellcheck disable=SC2086
    expect run_store_other_key_recomputed 0 $RUN --store "$RD" --data-dir "$FX" $key
    says run_store_other_key_recompute_says_so "$OUT/run_store_other_key_recomputed.log" 'holds another key'
    # (the file held seed=9: seed=1 back means it was rewritten; no inode test here: sed -i
    # freed the old inode, and the new file may be given the same number)
    grep -qx "# key: seed=1" "$RD/$id.dat" && ! grep -q "^# key: seed=9$" "$RD/$id.dat" && ok run_store_other_key_replaced || bad run_store_other_key_replaced "$RD/$id.dat"
    # the scenario in the key (issue 16): it enters only when not permuted, so a permuted
    # run keeps its key and hash (a known key of dam.h 0.1.0 and its hash, from a run made
    # before the scenarios existed); rotated and split keys differ from it and each other
    K0="K=256 T=0.4 batch=100 dam=0.1.0 dataset=mnist decay=0.998 epochs=10 eps=0.01 f=leaky importance_items=0 importance_normalise=1 init_std=0.1 items=2000 kind=seq lr=0.04 m=30 momentum=0.6 n=20 probe=0 seed=3 si_c=0.1 si_damping=0.1 tasks=5 technique=si test_items=1000"
    if "$RUN" --version | grep -q '(dam\.h 0\.1\.0)'; then
        # shellcheck disable=SC2086
        check run_store_permuted_key_unchanged [ "$("$RUN" --id $K0)" = 001f7a9265c91fdc ]
    else skip run_store_permuted_key_unchanged "the known key is of dam.h 0.1.0"; fi
    K1=$(echo "$key" | tr ' ' '\n' | grep -v '^dam=' | tr '\n' ' ')
    K1="$K1 dam=$("$RUN" --version | sed 's/.*dam\.h \([^)]*\)).*/\1/')"
    # shellcheck disable=SC2086
    {
        id_p=$("$RUN" --id $K1); id_r=$("$RUN" --id $K1 scenario=rotated angles=default)
        id_r2=$("$RUN" --id $K1 scenario=rotated angles=0,90); id_s=$("$RUN" --id $K1 scenario=split-class split=default)
    }
    check run_store_id_is_file_name [ "$id_p" = "$id" ]
    check run_store_scenario_keys_differ bash -c "[ -n '$id_r' ] && [ '$id_r' != '$id_p' ] && [ '$id_r2' != '$id_r' ] && [ -n '$id_s' ] && [ '$id_s' != '$id_p' ] && [ '$id_s' != '$id_r' ]"
    lacks run_store_lists_no_scenario_for_permuted <($F4 --profile smoke --list) 'scenario='
    # shellcheck disable=SC2086
    expect run_store_bad_scenario 2 $RUN --id $K1 scenario=spiral
    # shellcheck disable=SC2086
    expect run_store_rotated_needs_angles 2 $RUN --id $K1 scenario=rotated
    # a folder path with a space would break the space-joined key: refused
    # shellcheck disable=SC2086
    expect run_store_folder_with_space_refused 2 $RUN --id $K1 "dataset=$OUT/my images"
    # measures is 0 or 2: fig01's own key (valid: --id prints its hash) with 1 or text is refused
    K01=$($B/examples/fig01_memories --profile smoke --list | head -1 | cut -d' ' -f2-)
    # shellcheck disable=SC2086
    expect run_store_measures_2_accepted 0 $RUN --id $K01
    # shellcheck disable=SC2086
    expect run_store_measures_1_refused 2 $RUN --id $(echo "$K01" | sed 's/measures=2/measures=1/')
    # shellcheck disable=SC2086
    expect run_store_measures_text_refused 2 $RUN --id $(echo "$K01" | sed 's/measures=2/measures=abc/')
    says run_store_folder_with_space_says_why "$OUT/run_store_folder_with_space_refused.log" 'white space cannot be part of a run key'
    # a key from another build (a setting derived differently) is refused: exit 2
    # shellcheck disable=SC2086
    expect run_store_foreign_key_refused 2 $RUN --store "$RD" --data-dir "$FX" $(echo "$key" | sed 's/lr=[^ ]*/lr=0.5/')
    # aggregation of known per-seed values: acc 0.5, 0.6, 0.7 at seeds 1 2 3 give mean 0.6,
    # sd 0.1, 95% t-interval 0.6 -+ 4.303 * 0.1 / sqrt(3) = [0.3516, 0.8484]
    export_rd() { STORE=$RD DATA_DIR=$FX WORK=$RD/work B=$B "$@"; }
    expect run_store_three_seeds 0 export_rd scripts/runs.sh smoke "1 2 3" fig04_vanilla_vs_n
    v=5
    for s3 in 1 2 3; do
        for f in "$RD"/*.dat; do
            grep -qx "# key: seed=$s3" "$f" && grep -qx "# key: n=3" "$f" && sed -i "s/^acc .*/acc 0.$v/" "$f"
        done
        v=$((v + 1))
    done
    expect run_store_aggregates 0 $F4 --profile smoke --seeds "1 2 3" --store "$RD" --out "$RD/f4.dat"
    says run_store_seeds_header "$RD/f4.dat" '^# seeds: 1 2 3$'
    row=$(awk '!/^#/ && NF && $1 == 3 {print $2, $3, $4, $5, $6}' "$RD/f4.dat")
    [ "$row" = "3 0.6000 0.1000 0.3516 0.8484" ] && ok run_store_mean_sd_interval || { echo "    row: $row" > "$RD/row.log"; bad run_store_mean_sd_interval "$RD/row.log"; }
    awk '!/^#/ && NF && $1 == 3' "$RD/f4.dat" | grep -q ' 0.5000 0.6000 0.7000 ' && ok run_store_per_seed_values || bad run_store_per_seed_values "$RD/f4.dat"
    # a second make-style pass computes nothing: every run is stored
    expect run_store_resume_nothing_left 0 export_rd scripts/runs.sh smoke "1 2 3" fig04_vanilla_vs_n
    says run_store_resume_says_stored "$OUT/run_store_resume_nothing_left.log" '\(6 stored, 0 to compute\)'
    # a killed computation leaves no partial file: remove one, the next pass computes only it
    rm -f "$RD/$id.dat"
    expect run_store_resume_one_missing 0 export_rd scripts/runs.sh smoke "1 2 3" fig04_vanilla_vs_n
    says run_store_resume_computes_one "$OUT/run_store_resume_one_missing.log" '\(5 stored, 1 to compute\)'
fi
# fig12's question on constructed runs (issue 16): a store where vanilla ends with the
# same ACC in the three 10-way scenarios (0.6 + 0.01 seed) but 0.9 in split-task (which
# is reported, not judged: it differs from split-class by construction), and every other
# technique with 0.4 + 0.1 scenario + 0.01 seed; fig12 aggregates it, verify says
# vanilla "does not" depend on the scenario, the other 7 do, so the claim "every
# technique depends" is NOT SUPPORTED (with split-task judged, vanilla would depend)
F12=$B/examples/fig12_scenarios
if [ -x "$F12" ] && [ -x "$B/examples/verify" ]; then
    R12=$OUT/fig12store
    rm -rf "$R12"; mkdir -p "$R12/v"
    $F12 --profile smoke --seeds "1 2 3" --list > "$R12/list"
    while read -r id key; do
        tech=$(echo "$key" | tr ' ' '\n' | sed -n 's/^technique=//p')
        seed=$(echo "$key" | tr ' ' '\n' | sed -n 's/^seed=//p')
        scen=$(echo "$key" | tr ' ' '\n' | sed -n 's/^scenario=//p')
        q=$(case "$scen" in rotated) echo 1;; split-class) echo 2;; split-task) echo 3;; *) echo 0;; esac)
        acc=$(awk -v t="$tech" -v s="$seed" -v q="$q" 'BEGIN { printf "%.4f", t == "vanilla" ? (q == 3 ? 0.9 : 0.6 + 0.01 * s) : 0.4 + 0.1 * q + 0.01 * s }')
        { echo "# run: $id"; echo "$key" | tr ' ' '\n' | sed 's/^/# key: /'; echo "acc $acc"; echo "learned 0.9"; } > "$R12/$id.dat"
    done < "$R12/list"
    check fig12_lists_every_scenario [ "$(grep -c 'scenario=' "$R12/list")" -eq $((3 * 8 * 3)) ] 
    expect fig12_aggregates 0 $F12 --profile smoke --seeds "1 2 3" --store "$R12" --out "$R12/v/fig12_scenarios.dat"
    check fig12_rows [ "$(grep -vc '^#' "$R12/v/fig12_scenarios.dat")" -eq 32 ]
    "$B/examples/verify" "$R12/v" > "$R12/verify.log" 2>&1
    says fig12_verify_not_supported "$R12/verify.log" '^ +NOT SUPPORTED: 7 \(technique, n\) depend on the scenario, 1 do not, 0 undecided'
    says fig12_verify_vanilla_does_not "$R12/verify.log" ' vanilla 0\.62/0\.62/0\.62/0\.90, [^;]* does not;'
    says fig12_verify_rehearsal_depends "$R12/verify.log" ' rehearsal 0\.42/0\.52/0\.62/0\.72, perm-split-c -0\.200 \[-0\.200, -0\.200\] depends;'
fi
# verify's three-way verdict on constructed data: fig05's paired rehearsal - vanilla
VF=$B/examples/verify
if [ ! -x "$VF" ]; then skip verify_three_way "$VF is not built"; else
    mk05() { # DIR: rows "technique n param a1 a2 a3"
        local d=$1; shift
        mkdir -p "$d"
        {
            i=1
            for c in technique n param seeds acc_mean acc_sd acc_lo acc_hi learned_mean learned_sd learned_lo learned_hi acc_s1 acc_s2 acc_s3; do
                echo "# Column $i: $c [-] constructed"; i=$((i + 1))
            done
            echo "# claim: rehearsal beats vanilla"; echo "# profile: quick"; echo "# dam.h: $($VF --version | sed 's/.*dam\.h \([^)]*\)).*/\1/')"; echo "# seeds: 1 2 3"
            for r in "$@"; do
                set -- $r
                echo "$1 $2 $3 3 $(echo "$4 $5 $6" | awk '{print ($1+$2+$3)/3}') 0 0 0 0.95 0 0.95 0.95 $4 $5 $6"
            done
        } > "$d/fig05_rehearsal.dat"
    }
    mk05 "$OUT/v_sup" "0 3 0 0.50 0.52 0.49" "1 3 0.1 0.90 0.91 0.92" "0 10 0 0.40 0.45 0.42" "1 10 0.1 0.80 0.86 0.81"
    mk05 "$OUT/v_not" "0 3 0 0.50 0.52 0.49" "1 3 0.1 0.90 0.91 0.92" "0 10 0 0.40 0.45 0.42" "1 10 0.1 0.41 0.45 0.44"
    mk05 "$OUT/v_und" "0 3 0 0.50 0.52 0.49" "1 3 0.1 0.90 0.91 0.92" "0 10 0 0.40 0.45 0.42" "1 10 0.1 0.80 0.35 0.60"
    for v in sup:SUPPORTED not:NOT.SUPPORTED und:UNDECIDED; do
        "$VF" "$OUT/v_${v%%:*}" > "$OUT/verify_${v%%:*}.log" 2>&1
        if grep -A2 '^fig05_rehearsal ' "$OUT/verify_${v%%:*}.log" | grep -Eq "^ +${v#*:}: "; then ok "verify_three_way_${v%%:*}"
        else bad "verify_three_way_${v%%:*}" "$OUT/verify_${v%%:*}.log"; fi
    done
    # another dam.h version is warned about
    sed -i 's/^# dam.h: .*/# dam.h: 0.0.1/' "$OUT/v_sup/fig05_rehearsal.dat"
    "$VF" "$OUT/v_sup" > "$OUT/verify_version.log" 2>&1
    says verify_warns_other_version "$OUT/verify_version.log" 'WARNING: this file was made by dam.h 0.0.1'
fi
summary
