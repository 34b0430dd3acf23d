#!/bin/sh
# slurm.sh - scripts/slurm-submit.sh against a real one-node Slurm on this machine
# (`make test-slurm`). As root with apt-get it installs slurmctld slurmd slurm-client
# munge when missing; otherwise it skips. In a temporary folder it starts munged,
# slurmctld and slurmd (ports 16817/16818, NodeName = hostname -s, CPUs = nproc,
# proctrack/linuxproc: the cgroup default fails every job without systemd), then, in a
# copy of the repository (its tracked and new files, data/mnist linked):
#   1. the smoke profile through slurm-submit.sh --wait: every array task and the
#      aggregation must end COMPLETED (scontrol's JobState, not sbatch --wait's exit);
#   2. the aggregated data/*.dat must equal those of a local `make figures
#      PROFILE=smoke` from an empty store (timing columns and the date/host/threads/
#      seconds lines excepted);
#   3. one run is made to fail (its <id>.dat.tmp is a folder, so the run cannot write):
#      the aggregation must end CANCELLED (DependencyNeverSatisfied), the script must
#      exit 1 naming that run, and data/*.dat must be untouched.
# Every daemon it started is stopped by its PID on exit. Last line: "N passed, M failed,
# K skipped"; exits 1 on failure.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
t0=$(date +%s)
passed=0 failed=0 skipped=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | tail -n 25; failed=$((failed + 1)); }
summary() { echo "slurm: test run time $(( $(date +%s) - t0 )) s"; echo "$passed passed, $failed failed, $skipped skipped"; }
skip() { echo "SKIP slurm: $1"; skipped=$((skipped + 1)); summary; exit 0; }

if ! command -v slurmctld > /dev/null || ! command -v slurmd > /dev/null || ! command -v sbatch > /dev/null || ! command -v munged > /dev/null; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get > /dev/null; then
        skip "slurmctld slurmd slurm-client munge are not installed (as root: apt-get install slurmctld slurmd slurm-client munge)"
    fi
    echo "slurm: installing slurmctld slurmd slurm-client munge with apt-get"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge; } > /tmp/slurm-apt.$$.log 2>&1 \
        || { bad apt_install /tmp/slurm-apt.$$.log; summary; exit 1; }
fi
[ "$(id -u)" -eq 0 ] || skip "the one-node cluster runs its daemons as root"

T=$(mktemp -d /tmp/dam-slurm.XXXXXX)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2> /dev/null; done
    for p in $pids; do i=0; while kill -0 "$p" 2> /dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done; kill -9 "$p" 2> /dev/null; done
    [ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

host=$(hostname -s)
mkdir -p "$T/state" "$T/spool"
cat > "$T/slurm.conf" <<EOF
ClusterName=damci
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MailProg=/bin/true
ReturnToService=2
MinJobAge=3600
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$T/slurm.conf"
unset SBATCH_ACCOUNT SBATCH_PARTITION
# munged: our own socket and pid file, so a munged already running is left alone
[ -f /etc/munge/munge.key ] || { bad munge_key; summary; exit 1; }
mkdir -p /run/munge && chown munge:munge /run/munge
if [ -S /run/munge/munge.socket.2 ] && munge -n > /dev/null 2>&1 < /dev/null; then
    echo "slurm: munged already running, using it"
else
    # (its pid file in a folder the munge user may write)
    chmod 755 "$T"; mkdir -p "$T/munge"; chown munge:munge "$T/munge"
    runuser -u munge -- /usr/sbin/munged --pid-file="$T/munge/munged.pid" 2> "$T/munged.err" || { bad munged "$T/munged.err"; summary; exit 1; }
    i=0; while [ ! -s "$T/munge/munged.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$T/munge/munged.pid" ] || { bad munged_pid "$T/munged.err"; summary; exit 1; }
    pids="$pids $(cat "$T/munge/munged.pid")"
fi
slurmctld -f "$SLURM_CONF" || { bad slurmctld; summary; exit 1; }
i=0; while [ ! -s "$T/slurmctld.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
pids="$(cat "$T/slurmctld.pid") $pids"
slurmd -f "$SLURM_CONF" || { bad slurmd "$T/slurmd.log"; summary; exit 1; }
i=0; while [ ! -s "$T/slurmd.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
pids="$(cat "$T/slurmd.pid") $pids"
i=0; while [ "$(sinfo -h -o %t 2> /dev/null)" != idle ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(sinfo -h -o %t 2> /dev/null)" = idle ]; then ok cluster_up; else bad cluster_up "$T/slurmctld.log"; summary; exit 1; fi
echo "slurm: one-node cluster up in $(( $(date +%s) - t0 )) s (daemons $pids)"

# the copy of the repository: tracked files and new ones not ignored, as they are now
R=$T/repo
mkdir -p "$R/data"
if git -C "$src" rev-parse --show-toplevel > /dev/null 2>&1; then
    (cd "$src" && git ls-files -co --exclude-standard -z | xargs -0 tar cf -) | (cd "$R" && tar xf -)
else
    (cd "$src" && tar cf - --exclude=./build --exclude=./data/runs --exclude=./data/mnist --exclude=./data/fashion .) | (cd "$R" && tar xf -)
fi
[ -x "$R/scripts/slurm-submit.sh" ] || { bad copy_repo; summary; exit 1; }
for d in mnist fashion; do [ -e "$src/data/$d" ] && ln -s "$(cd "$src/data/$d" && pwd)" "$R/data/$d"; done
cd "$R" || exit 1
# no MNIST here (a clean clone in CI): the generated look-alike of tests/make_fixture.c,
# as tests/test_examples.sh uses, so the test needs no download
if [ ! -f data/mnist/train-images-idx3-ubyte ]; then
    rm -rf data/mnist; mkdir -p data/mnist
    if env -u MAKELEVEL -u MFLAGS make -s build/tests/make_fixture > "$T/fixture.log" 2>&1 &&
       build/tests/make_fixture data/mnist 1000 500 >> "$T/fixture.log" 2>&1; then
        echo "slurm: no data/mnist: using the generated look-alike (tests/make_fixture.c)"
    else bad make_fixture "$T/fixture.log"; summary; exit 1; fi
fi
export OMP_NUM_THREADS=1 MAKEFLAGS=-j1

# 1. the smoke profile through Slurm
WAIT_TIMEOUT=${SLURM_TEST_WAIT:-600} PROFILE=smoke TIME=10:00 AGG_TIME=10:00 scripts/slurm-submit.sh --wait > "$T/submit1.log" 2>&1; rc=$?
sed 's/^/    /' "$T/submit1.log" | grep 'job array\|aggregation job\|COMPLETED\|runs,' | head -6
logs=$(ls -d build/slurm/runs/slurm-* 2> /dev/null | tail -n 1)
if [ $rc -eq 0 ] && [ -f "$logs/states" ] && ! grep -qv ' COMPLETED$' "$logs/states" && [ -s "$logs/states" ]; then ok array_tasks_completed
else bad array_tasks_completed "$T/submit1.log"; fi
agg=$(sed -n 's/^slurm: jobs [^ ]* \([0-9]*\)$/\1/p' "$T/submit1.log")
if [ -n "$agg" ] && scontrol show job -o "$agg" | grep -q 'JobState=COMPLETED'; then ok aggregate_completed
else bad aggregate_completed "$logs/aggregate.out"; fi
nruns=$(ls data/runs/*.dat 2> /dev/null | wc -l)
echo "slurm: $nruns runs stored, $(wc -l < "$logs/list" 2> /dev/null) were submitted"

# 2. the same data as a local make figures from an empty store
# a .dat without what depends on the machine and the moment: the date/host/threads/seconds
# lines and the columns named seconds_* (the runs' wall times)
strip() { awk '/^# (date|host|threads|seconds):/ { next }
    /^# Column [0-9]+: seconds/ { c = $3; sub(":", "", c); t[c + 0] = 1 }
    /^#/ { print; next }
    { for (k in t) $k = "-"; print }' "$1"; }
mkdir -p "$T/slurm-data"; cp data/fig*.dat "$T/slurm-data/"
mv data/runs "$T/slurm-runs"
make figures PROFILE=smoke REDO=1 B=build/local OPT=-O3 > "$T/local.log" 2>&1; lrc=$?
same=1
for f in "$T"/slurm-data/fig*.dat; do
    g=data/$(basename "$f")
    strip "$f" > "$T/a"; strip "$g" > "$T/b"
    cmp -s "$T/a" "$T/b" || { echo "    differs: $(basename "$f")"; diff "$T/a" "$T/b" | head -5 | sed 's/^/    /'; same=0; }
done
if [ $same -eq 1 ] && [ $lrc -eq 0 ] && [ "$(ls "$T"/slurm-data/fig*.dat | wc -l)" -ge 10 ]; then ok same_data_as_local
else bad same_data_as_local "$T/local.log"; fi
rm -rf data/runs; mv "$T/slurm-runs" data/runs

# 3. one run fails: the aggregation is cancelled, nothing is aggregated
cp data/fig*.dat "$T/slurm-data/"
victim=$(ls data/runs/*.dat | head -n 1)
rm -f "$victim"; mkdir "$victim.tmp"
id=$(basename "$victim" .dat)
before=$(ls -l --time-style=+%s.%N data/fig*.dat | md5sum)
WAIT_TIMEOUT=${SLURM_TEST_WAIT:-600} PROFILE=smoke TIME=10:00 AGG_TIME=10:00 scripts/slurm-submit.sh --wait > "$T/submit2.log" 2>&1; rc=$?
agg=$(sed -n 's/^slurm: jobs [^ ]* \([0-9]*\)$/\1/p' "$T/submit2.log")
if grep -q ': 1 runs in 1 tasks' "$T/submit2.log"; then ok rerun_submits_only_missing
else bad rerun_submits_only_missing "$T/submit2.log"; fi
if [ -n "$agg" ] && scontrol show job -o "$agg" | grep 'JobState=CANCELLED' | grep -q 'Reason=DependencyNeverSatisfied'; then ok aggregate_cancelled
else bad aggregate_cancelled "$T/submit2.log"; scontrol show job -o "$agg" | sed 's/^/    /'; fi
if [ $rc -ne 0 ] && grep -q "^slurm: run $id failed" "$T/submit2.log" && grep -q 'FAILED' "$T/submit2.log"; then ok failure_reported
else bad failure_reported "$T/submit2.log"; fi
after=$(ls -l --time-style=+%s.%N data/fig*.dat | md5sum)
if [ "$before" = "$after" ] && [ "$(ls data/fig*.dat | wc -l)" -ge 10 ] && [ ! -f "$victim" ] && ! ls data/*.tmp > /dev/null 2>&1; then ok nothing_aggregated
else bad nothing_aggregated; fi
summary
[ $failed -eq 0 ]
