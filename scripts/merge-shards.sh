#!/bin/sh
# merge-shards.sh OUT.dat - join OUT.dat.shard* (written by figure programs run with
# --shard i/N --out OUT.dat.shardI) into OUT.dat: the header lines of the first shard,
# then the data rows of every shard, sorted numerically; written atomically.
set -eu
out=$1
set -- "$out".shard*
[ -e "$1" ] || { echo "merge-shards: no files $out.shard*" >&2; exit 2; }
{
    grep '^#' "$1" | grep -v '^# seconds:' | sed 's|^# shard: .*|# shard: merged|'
    cat "$@" | grep -v '^#' | sort -k1,1g -k2,2g -k3,3g
    printf '# merged from: %s\n' "$*"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "merge-shards: wrote $out from $# shards"
