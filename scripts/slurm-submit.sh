#!/bin/sh
# slurm-submit.sh [--wait] - the figures of a profile on a Slurm cluster (`make slurm`).
# Run it on the login node, in the repository, on a file system the compute nodes share:
#   1. builds the figure programs, the run tool and verify into B (default build/slurm)
#      with a portable OPT (default -O3, not -march=native: compute nodes are often of
#      another CPU; OPT="-O3 -march=native" when they are all of this one);
#   2. fetches MNIST now (compute nodes are often offline);
#   3. lists the runs still missing from the store (scripts/runs.sh --dry: a rerun after
#      failures lists only the runs that are still missing) and copies that list to
#      B/runs/slurm-<time>.list (a later submit never changes the list of running jobs);
#   4. submits ONE job array of J = min(runs, TASKS) tasks: task i computes the lines i,
#      i+J, i+2J, ... with OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK; it goes on after a failed
#      run and exits 1 if any failed ("slurm: run <id> failed" in its log);
#   5. submits the aggregation (make figures REDO=1: every run is stored, so it only reads
#      them, aggregates, plots and verifies) with --dependency=afterok:ARRAY
#      --kill-on-invalid-dep=yes: a failed task cancels it (DependencyNeverSatisfied), so
#      no figure is written from an incomplete store.
# Nothing missing: only the aggregation is submitted. Prints the job ids, the logs and
# how to watch them. --wait: then waits until the aggregation has ended and reports every
# job's state (scontrol, as sbatch --wait returns 0 for a cancelled job); exits 1 unless
# all COMPLETED, naming the failed runs (WAIT_TIMEOUT=seconds: exits 1 after so long).
# Environment: PROFILE (default paper), SEEDS (default: the profile's), FIGS (default
# all), CPUS (per task, default 1), TIME (per task, default 12:00:00), MAX (tasks at
# once, default 64), TASKS (array size cap, default 1000), AGG_TIME (default 2:00:00),
# OPT, B; sbatch reads SBATCH_ACCOUNT, SBATCH_PARTITION, ... itself.
set -eu
wait=0
[ "${1:-}" = --wait ] && wait=1
PROFILE=${PROFILE:-paper}
SEEDS=${SEEDS:-}
CPUS=${CPUS:-1}
TIME=${TIME:-12:00:00}
AGG_TIME=${AGG_TIME:-2:00:00}
MAX=${MAX:-64}
TASKS=${TASKS:-1000}
B=${B:-build/slurm}
if [ -n "${OPT:-}" ]; then optsay="OPT=$OPT (yours)"; else OPT=-O3; optsay="OPT=$OPT (portable; OPT=\"-O3 -march=native\" if every node is this CPU)"; fi
FIGS=${FIGS:-$(ls examples/fig[0-9][0-9]_*.c | sed 's|.*/||; s|\.c$||' | tr '\n' ' ')}
command -v sbatch > /dev/null || { echo "slurm: sbatch not found (not a Slurm login node?)" >&2; exit 1; }
progs=""
for f in $FIGS run verify; do progs="$progs $B/examples/$f"; done
echo "slurm: building into $B with $optsay"
# shellcheck disable=SC2086
make --no-print-directory B="$B" OPT="$OPT" $progs > /dev/null
make --no-print-directory data/mnist/train-images-idx3-ubyte > /dev/null
# shellcheck disable=SC2086
B="$B" scripts/runs.sh --dry "$PROFILE" "$SEEDS" $FIGS | grep -v '^figures: (an estimate\|rates come from' || true
W=$B/runs
n=$(wc -l < "$W/missing")
stamp=$(date +%Y%m%d-%H%M%S)-$$
logs=$W/slurm-$stamp
mkdir -p "$logs"
list=$logs/list
cp "$W/missing" "$list"
here=$(pwd)
dep=""
array=""
if [ "$n" -gt 0 ]; then
    J=$n
    [ "$J" -gt "$TASKS" ] && J=$TASKS
    cat > "$logs/array.sh" <<EOF
#!/bin/sh
# one task of the job array: the lines i, i+J, ... of $list
cd "$here" || exit 1
export OMP_NUM_THREADS=\${SLURM_CPUS_PER_TASK:-1}
fail=0
awk -v i="\$SLURM_ARRAY_TASK_ID" -v J=$J '(NR - 1) % J == i' "$list" > "$logs/task-\$SLURM_ARRAY_TASK_ID.list"
while read -r id key; do
    if $B/examples/run --store data/runs --data-dir data \$key < /dev/null; then
        echo "slurm: run \$id done"
    else
        echo "slurm: run \$id failed: $B/examples/run --store data/runs --data-dir data \$key" >&2
        fail=1
    fi
done < "$logs/task-\$SLURM_ARRAY_TASK_ID.list"
exit \$fail
EOF
    array=$(sbatch --parsable --job-name="dam-$PROFILE-runs" --array="0-$((J - 1))%$MAX" \
        --cpus-per-task="$CPUS" --time="$TIME" --output="$logs/task-%a.out" "$logs/array.sh")
    array=${array%%;*}
    dep="--dependency=afterok:$array --kill-on-invalid-dep=yes"
    echo "slurm: job array $array: $n runs in $J tasks (at most $MAX at once, $CPUS cpu(s) and $TIME each)"
else
    echo "slurm: every run is stored: only the aggregation is submitted"
fi
cat > "$logs/aggregate.sh" <<EOF
#!/bin/sh
# aggregate, plot, verify: every run is stored when this starts (afterok)
cd "$here" || exit 1
exec make --no-print-directory figures B="$B" OPT="$OPT" PROFILE="$PROFILE" SEEDS="$SEEDS" FIGS="$FIGS" REDO=1
EOF
# shellcheck disable=SC2086
agg=$(sbatch --parsable --job-name="dam-$PROFILE-figures" $dep --time="$AGG_TIME" \
    --output="$logs/aggregate.out" "$logs/aggregate.sh")
agg=${agg%%;*}
echo "slurm: aggregation job $agg${array:+ (after job array $array succeeds; a failed task cancels it)}"
echo "slurm: logs in $logs/ (task-N.out, aggregate.out); watch: squeue -j ${array:+$array,}$agg"
echo "slurm: a task failed? scontrol show job $agg says JobState=CANCELLED Reason=DependencyNeverSatisfied;"
echo "slurm:   grep 'failed' $logs/task-*.out names the runs; run this again: it submits only the runs still missing"
echo "slurm: jobs ${array:-none} $agg"
[ $wait -eq 1 ] || exit 0

# --wait: until the aggregation has ended, then every job's state
state() { scontrol show job -o "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1; }
t0=$(date +%s)
while :; do
    as=$(state "$agg")
    case $as in PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED|REQUEUED|"") ;; *) break ;; esac
    if [ -n "${WAIT_TIMEOUT:-}" ] && [ $(( $(date +%s) - t0 )) -ge "$WAIT_TIMEOUT" ]; then
        echo "slurm: FAILED: aggregation job $agg still $as after $WAIT_TIMEOUT s"; exit 1
    fi
    sleep 2
done
bad=0
if [ -n "$array" ]; then
    scontrol show job -o "$array" | sed -n 's/.*ArrayTaskId=\([0-9]*\) .*JobState=\([A-Z_]*\).*/\1 \2/p' > "$logs/states"
    while read -r t s; do
        [ "$s" = COMPLETED ] && continue
        echo "slurm: array task $t ended $s"; bad=1
    done < "$logs/states"
    echo "slurm: $(grep -c ' COMPLETED$' "$logs/states") of $J array tasks COMPLETED"
fi
reason=$(scontrol show job -o "$agg" | sed -n 's/.*Reason=\([A-Za-z_]*\).*/\1/p')
echo "slurm: aggregation job $agg ended $as${reason:+ (reason $reason)}"
[ "$as" = COMPLETED ] || bad=1
if [ $bad -ne 0 ]; then
    cat "$logs"/task-*.out 2>/dev/null | grep '^slurm: run .* failed' || true
    echo "slurm: FAILED: no figure was aggregated; run this again to submit the runs still missing"
    exit 1
fi
echo "slurm: all jobs COMPLETED; figures in data/ and plots/"
