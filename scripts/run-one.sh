#!/bin/sh
# run-one.sh MISSING STORED ID KEY... - one run of scripts/runs.sh, then the progress line
# over the whole profile: runs done / total, elapsed, an estimate of the time left.
# Environment (set by runs.sh): B, STORE, DATA_DIR, W.
set -eu
missing=$1 stored=$2 id=$3
shift 3
B=${B:-build} STORE=${STORE:-data/runs} DATA_DIR=${DATA_DIR:-data} W=${W:-${B:-build}/runs}
log=$W/$id.log
if ! "$B/examples/run" --store "$STORE" --data-dir "$DATA_DIR" "$@" > "$log" 2>&1; then
    echo "figures: run $id failed ($B/examples/run $*):"; tail -n 5 "$log"; exit 1
fi
echo "$id" >> "$W/done.log"
done_now=$(wc -l < "$W/done.log")
now=$(date +%s) start=$(cat "$W/start")
el=$((now - start))
left=$(( (missing - done_now) * el / (done_now > 0 ? done_now : 1) ))
printf 'figures: runs %d/%d done (%d were stored), elapsed %d s, about %d s left  [%s %s]\n' \
    $((stored + done_now)) $((stored + missing)) "$stored" "$el" "$left" "$id" "$(grep -o 'done in [0-9.]* s' "$log" | head -1)"
