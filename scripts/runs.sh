#!/bin/sh
# runs.sh [--dry] PROFILE SEEDS FIG... - compute every run the figures FIG... need (the
# run store, examples/runstore.h), in parallel, one run per process.
#   1. every figure program lists its runs (build/examples/FIG --list): "<id> <key>" lines;
#      runs shared between figures appear once (sorted by id, duplicates dropped);
#   2. runs whose file data/runs/<id>.dat holds the same key are skipped (build/examples/run
#      --check compares the key inside the file, not only the name);
#   3. the missing ones are targets of a generated makefile, build/runs/runs.mk, run by
#      make -j (RUN_JOBS, default: the cores) with OMP_NUM_THREADS=RUN_THREADS (default 1)
#      per run; each finished run prints the progress over the whole profile.
# A killed run leaves no file (the run tool writes <id>.dat.tmp and renames), so running
# this again resumes at the first missing run.
# --dry: print the run count, how many are stored, and the core-hours of the missing runs
# estimated from the stored runs' measured seconds per unit of work (items x epochs x
# tasks x K/256 for DAM runs, repeats for Hopfield runs), matched by kind, technique and n.
# SEEDS may be empty (each figure's profile default). Environment: STORE (the run store,
# default data/runs), DATA_DIR (the folder holding mnist/, default data), B (the build
# folder, default build), WORK (the lists and logs, default $B/runs).
set -eu
dry=0
[ "${1:-}" = "--dry" ] && { dry=1; shift; }
profile=$1
seeds=$2
shift 2
B=${B:-build}
STORE=${STORE:-data/runs}
DATA_DIR=${DATA_DIR:-data}
W=${WORK:-$B/runs}
export B STORE DATA_DIR W
mkdir -p "$W" "$STORE"
list=$W/list
: > $list.all
for fig in "$@"; do
    if [ -n "$seeds" ]; then
        $B/examples/$fig --profile "$profile" --seeds "$seeds" --list >> $list.all
    else
        $B/examples/$fig --profile "$profile" --list >> $list.all
    fi
done
LC_ALL=C sort -u -k1,1 $list.all > $list
total=$(wc -l < $list)
: > $W/missing
while read -r id key; do
    # shellcheck disable=SC2086
    $B/examples/run --store "$STORE" --check $key 2>/dev/null || echo "$id $key" >> $W/missing
done < $list
missing=$(wc -l < $W/missing)
stored=$((total - missing))
if [ $dry -eq 1 ]; then
    # rates from the stored runs: seconds / work, by kind|technique|n, kind|technique, kind
    for f in "$STORE"/*.dat; do [ -f "$f" ] && { grep -h '^# key: ' "$f" | sed 's/^# key: //' | tr '\n' ' '; grep -h '^seconds ' "$f"; }; done > $W/rates || true
    awk -v total="$total" -v stored="$stored" -v profile="$profile" '
    function work(   w) {
        if (kv["kind"] == "hopfield") return kv["repeats"]
        w = kv["items"] * kv["epochs"] * (kv["K"] / 256)
        if (kv["kind"] == "seq") w *= kv["tasks"]
        return w
    }
    function parse(line,   n, i, a, p) {
        delete kv
        n = split(line, a, " ")
        for (i = 1; i <= n; i++) if ((p = index(a[i], "=")) > 0) kv[substr(a[i], 1, p - 1)] = substr(a[i], p + 1)
    }
    FILENAME == ARGV[1] {   # (not FNR == NR: that holds in the second file too when the first is empty)
        parse($0); sec = $NF; w = work(); if (w <= 0) next
        k1 = kv["kind"] "|" kv["technique"] "|" kv["n"]; k2 = kv["kind"] "|" kv["technique"]; k3 = kv["kind"]
        r1[k1] += sec / w; c1[k1]++; r2[k2] += sec / w; c2[k2]++; r3[k3] += sec / w; c3[k3]++
        next
    }
    {
        $1 = ""; parse($0); w = work()
        k1 = kv["kind"] "|" kv["technique"] "|" kv["n"]; k2 = kv["kind"] "|" kv["technique"]; k3 = kv["kind"]
        if (k1 in c1) rate = r1[k1] / c1[k1]; else if (k2 in c2) rate = r2[k2] / c2[k2]; else if (k3 in c3) rate = r3[k3] / c3[k3]; else { unknown++; next }
        secs += rate * w; per[kv["kind"]] += rate * w
    }
    END {
        printf "figures: profile %s: %d runs, %d stored, %d to compute\n", profile, total, stored, total - stored
        printf "figures: estimated %.1f core-hours for the runs to compute (%.0f core-seconds: single %.0f, seq %.0f, hopfield %.0f)\n", secs / 3600, secs, per["single"], per["seq"], per["hopfield"]
        printf "figures: (an estimate: the measured seconds per item-epoch of the stored runs of the same kind, technique and n, scaled by items x epochs x tasks x K/256%s)\n", unknown ? sprintf("; %d runs had no measured rate and are not counted", unknown) : ""
        if (unknown) printf "figures: the rates come from runs already in the store: run the quick profile first (make figures REDO=1) for an estimate of every kind\n"
    }' $W/rates $W/missing
    exit 0
fi
echo "figures: $total runs ($stored stored, $missing to compute), $(echo ${RUN_JOBS:-$(nproc)}) at a time, OMP_NUM_THREADS=${RUN_THREADS:-1} each"
[ "$missing" -eq 0 ] && exit 0
date +%s > $W/start
: > $W/done.log
{
    printf 'all:'
    while read -r id key; do printf ' %s/%s.dat' "$STORE" "$id"; done < $W/missing
    printf '\n.PHONY: all\n'
    while read -r id key; do
        printf '%s/%s.dat:\n\t@OMP_NUM_THREADS=%s scripts/run-one.sh %s %s %s %s\n' "$STORE" "$id" "${RUN_THREADS:-1}" "$missing" "$stored" "$id" "$key"
    done < $W/missing
} > $W/runs.mk
# its own make, not a part of the caller's (the jobserver of a make running this is not ours)
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -f $W/runs.mk -j"${RUN_JOBS:-$(nproc)}" --no-print-directory all
